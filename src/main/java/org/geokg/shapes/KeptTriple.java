package org.geokg.shapes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.jena.atlas.data.SerializationFactory;
import org.apache.jena.atlas.lib.Sink;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.util.NodeFactoryExtra;

/**
 * A triple the shapes' check keeps, filed under the node it is about ({@code key}): its subject,
 * or for an inverse path its object ({@code inverted}).
 */
record KeptTriple(Node key, Node predicate, Node other, boolean inverted) {
    Triple triple() {
        return inverted ? Triple.create(other, predicate, key) : Triple.create(key, predicate, other);
    }

    void addTo(Graph g) { g.add(triple()); }

    /**
     * How kept triples are written to and read from the spill files: a compact binary form, since
     * Jena's text form for bindings spent more time escaping and parsing IRIs than the check spent
     * checking. Predicates, few, are numbered; other terms are written by kind and text. A term of
     * a kind not foreseen (a triple term) is written in N-Triples and parsed back.
     */
    static final class Serialization implements SerializationFactory<KeptTriple> {
        private static final int URI = 0, BLANK = 1, STRING = 2, LANG = 3, TYPED = 4, OTHER_TERM = 5;
        private static final String XSD_STRING = XSDDatatype.XSDstring.getURI();

        private final Map<Node, Integer> predicateNumbers = new HashMap<>();
        private final List<Node> predicates = new ArrayList<>();

        @Override
        public Sink<KeptTriple> createSerializer(OutputStream out) {
            DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
            return new Sink<>() {
                @Override
                public void send(KeptTriple t) {
                    unchecked(() -> {
                        data.writeBoolean(t.inverted());
                        data.writeInt(number(t.predicate()));
                        writeTerm(data, t.key());
                        writeTerm(data, t.other());
                    });
                }

                @Override public void flush() { unchecked(data::flush); }

                @Override public void close() { unchecked(data::close); }
            };
        }

        /** A write to a spill file; Jena's Sink declares no IOException. */
        private interface SpillWrite {
            void run() throws IOException;
        }

        private static void unchecked(SpillWrite write) {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Iterator<KeptTriple> createDeserializer(InputStream in) {
            DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            return new Iterator<>() {
                private KeptTriple next = read();

                private KeptTriple read() {
                    try {
                        boolean inverted;
                        try {
                            inverted = data.readBoolean();
                        } catch (EOFException end) {
                            data.close();
                            return null;
                        }
                        Node p = predicates.get(data.readInt());
                        Node key = readTerm(data);
                        return new KeptTriple(key, p, readTerm(data), inverted);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override public boolean hasNext() { return next != null; }

                @Override
                public KeptTriple next() {
                    if (next == null) throw new NoSuchElementException();
                    KeptTriple t = next;
                    next = read();
                    return t;
                }
            };
        }

        private synchronized int number(Node predicate) {
            return predicateNumbers.computeIfAbsent(predicate, p -> {
                predicates.add(p);
                return predicates.size() - 1;
            });
        }

        private static void writeTerm(DataOutputStream out, Node n) throws IOException {
            if (n.isURI()) {
                out.writeByte(URI);
                writeString(out, n.getURI());
            } else if (n.isBlank()) {
                out.writeByte(BLANK);
                writeString(out, n.getBlankNodeLabel());
            } else if (n.isLiteral() && n.getLiteralBaseDirection() == null) {
                String lang = n.getLiteralLanguage();
                if (lang != null && !lang.isEmpty()) {
                    out.writeByte(LANG);
                    writeString(out, n.getLiteralLexicalForm());
                    writeString(out, lang);
                } else if (n.getLiteralDatatypeURI().equals(XSD_STRING)) {
                    out.writeByte(STRING);
                    writeString(out, n.getLiteralLexicalForm());
                } else {
                    out.writeByte(TYPED);
                    writeString(out, n.getLiteralLexicalForm());
                    writeString(out, n.getLiteralDatatypeURI());
                }
            } else {
                out.writeByte(OTHER_TERM);
                writeString(out, NodeFmtLib.strNT(n));
            }
        }

        private static Node readTerm(DataInputStream in) throws IOException {
            int kind = in.readByte();
            return switch (kind) {
                case URI -> NodeFactory.createURI(readString(in));
                case BLANK -> NodeFactory.createBlankNode(readString(in));
                case STRING -> NodeFactory.createLiteralString(readString(in));
                case LANG -> NodeFactory.createLiteralLang(readString(in), readString(in));
                case TYPED -> {
                    String lexical = readString(in);
                    yield NodeFactory.createLiteralDT(lexical, org.apache.jena.datatypes.TypeMapper.getInstance()
                            .getSafeTypeByName(readString(in)));
                }
                case OTHER_TERM -> NodeFactoryExtra.parseNode(readString(in));
                default -> throw new IOException("spill file: unknown term kind " + kind);
            };
        }

        /** A string of any length (DataOutput.writeUTF stops at 64 KiB; a quote or note may not). */
        private static void writeString(DataOutputStream out, String s) throws IOException {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        private static String readString(DataInputStream in) throws IOException {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
