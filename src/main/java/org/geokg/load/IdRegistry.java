package org.geokg.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.geokg.mapping.Definitions;
import org.geokg.mapping.QuadSink;
import org.geokg.mapping.TableMapping;
import org.geokg.ontology.Vocab;

/**
 * Answers {@link Definitions} for a writer that cannot read back what it has written (TDB2's bulk
 * loader indexes only at its end): it sits in the load stream in front of the writer and keeps what
 * the questions need, the {@code kg:definedAt} of every node and the holder of each value of the
 * properties the mappings look values up by or want unique. Nothing else is kept, so memory grows
 * with the number of rows (one entry each), not with the triples.
 */
public final class IdRegistry implements QuadSink, Definitions {
    private final QuadSink out;
    private final Set<Node> keyProperties;
    /** Origins share few file names: each is kept once, a node's entry is the file's index and the line. */
    private final Map<String, Integer> fileIndex = new HashMap<>();
    private final List<String> files = new java.util.ArrayList<>();
    private final Map<Node, Long> definedAt = new HashMap<>();
    private final Map<Node, Map<Node, Node>> holders = new HashMap<>();

    /** @param mappings whose lookup and unique columns' properties are remembered by value */
    public IdRegistry(List<TableMapping> mappings, QuadSink out) {
        this.out = out;
        this.keyProperties = mappings.stream().flatMap(m -> m.columns().stream())
                .flatMap(c -> java.util.stream.Stream.of(c.lookupProperty(), c.unique() ? c.property() : null))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }

    @Override
    public void add(Quad q) {
        Node p = q.getPredicate();
        if (p.equals(Vocab.DEFINED_AT) && q.getObject().isLiteral()) remember(q.getSubject(), q.getObject().getLiteralLexicalForm());
        else if (keyProperties.contains(p))
            holders.computeIfAbsent(p, k -> new HashMap<>()).putIfAbsent(q.getObject(), q.getSubject());
        out.add(q);
    }

    private void remember(Node node, String origin) {
        if (definedAt.containsKey(node)) return;   // the first definition is the one reported
        int colon = origin.lastIndexOf(':');
        long line;
        try {
            line = colon < 0 ? -1 : Long.parseLong(origin.substring(colon + 1));
        } catch (NumberFormatException e) {
            line = -1;
        }
        String file = line < 0 ? origin : origin.substring(0, colon);
        int f = fileIndex.computeIfAbsent(file, k -> { files.add(k); return files.size() - 1; });
        definedAt.put(node, ((long) f << 40) | (line < 0 ? (1L << 40) - 1 : line));
    }

    @Override
    public String definedAt(Node node) {
        Long v = node == null ? null : definedAt.get(node);
        if (v == null) return null;
        long line = v & ((1L << 40) - 1);
        String file = files.get((int) (v >>> 40));
        return line == (1L << 40) - 1 ? file : file + ":" + line;
    }

    @Override
    public Node subjectWith(Node property, Node value) {
        Map<Node, Node> byValue = holders.get(property);
        return byValue == null ? null : byValue.get(value);
    }
}
