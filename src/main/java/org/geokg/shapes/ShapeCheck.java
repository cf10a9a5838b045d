package org.geokg.shapes;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.ToLongBiFunction;

import org.apache.jena.atlas.data.SortedDataBag;
import org.apache.jena.atlas.data.ThresholdPolicyFactory;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.shacl.ShaclException;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.engine.Target;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.VLib;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.geokg.mapping.QuadSink;
import org.geokg.ontology.Vocab;
import org.geokg.problem.Problems;

/**
 * Checks the SHACL shapes (SHACL Core, with Jena's validator) on the load's stream of quads, one
 * focus node at a time, with no database, and reports each violation readably: the CSV file and
 * line the focus node came from (its {@code kg:definedAt}), the focus node, the path, the value and
 * the shape's message. The stated facts' modality cues ({@link ModalityCueCheck}) are checked on
 * the same nodes.
 *
 * <p>The shapes see the union of all graphs, as a database's union graph would show it. While the
 * quads stream past, {@link #add} keeps those the shapes can look at (the predicates on their paths
 * and targets, {@code rdf:type}, {@code kg:definedAt}; for inverse paths and
 * {@code sh:targetObjectsOf} a copy keyed by the object) in Jena's spilling sorted bag, keyed by
 * node ({@link KeptTriple}), so they take bounded memory and the rest goes to disk; beside it,
 * every node's types ({@link NodeTypes}, 40 to 80 bytes a node: the part of memory that grows with
 * the data), the {@code rdfs:subClassOf} hierarchy, and the few predicates shapes read on value
 * nodes ({@code rdfs:label}, for {@code sh:node kgsh:LabelledShape}). Then {@link #check} takes the
 * nodes in sorted order, each as one small graph with the node's triples, the triples pointing at
 * it, and its values' types and triples, on which Jena validates each shape targeting the node, on
 * one thread per processor. That is exact for local shapes ({@link LocalShapes}); any other is
 * refused when the shapes are read.
 */
public final class ShapeCheck implements QuadSink, AutoCloseable {
    /**
     * Beyond this many kept triples in memory (system property {@code kg.shapes.spillAfter}), the
     * bag writes a sorted run to a file in the spill folder: memory stays flat, disk takes the rest.
     */
    static final long SPILL_AFTER = Long.getLong("kg.shapes.spillAfter", 200_000);

    private static final Node TYPE = RDF.type.asNode(), SUBCLASS_OF = RDFS.subClassOf.asNode();

    private final Shapes shapes;
    private final LocalShapes reads;
    private final String shapesFile;
    /** The predicates kept as subject beyond the shapes' own: the check needs them for its messages. */
    private final Set<Node> alsoKept = new HashSet<>(ModalityCueCheck.READS);
    private final NodeTypes types = new NodeTypes();
    private final Graph subClassOf = GraphFactory.createDefaultGraph();
    private final Map<Node, List<Triple>> superclassEdges = new ConcurrentHashMap<>();
    private final Map<Node, List<Triple>> valueTriples = new HashMap<>();
    private final SortedDataBag<KeptTriple> byNode;

    /** How many threads check nodes (system property {@code kg.shapes.threads}; default, one per processor). */
    private final int threads;

    private ShapeCheck(Shapes shapes, LocalShapes reads, String shapesFile, Path spillDir, long spillAfter, int threads) {
        this.byNode = new SpillingBag(spillDir, spillAfter);
        this.threads = threads;
        this.shapes = shapes;
        this.reads = reads;
        this.shapesFile = shapesFile;
        alsoKept.add(Vocab.DEFINED_AT);
        alsoKept.add(TYPE);
    }

    /**
     * Reads the shapes, or reports why they cannot be checked this way (at the shapes file) and
     * returns null.
     */
    public static ShapeCheck of(Graph shapesGraph, String shapesFile, Path spillDir, Problems problems) {
        return of(shapesGraph, shapesFile, spillDir, SPILL_AFTER,
                Integer.getInteger("kg.shapes.threads", Runtime.getRuntime().availableProcessors()), problems);
    }

    /** As {@link #of(Graph, String, Path, Problems)}, spilling after {@code spillAfter} kept triples, on {@code threads}. */
    static ShapeCheck of(Graph shapesGraph, String shapesFile, Path spillDir, long spillAfter, int threads,
                         Problems problems) {
        Shapes shapes;
        try {
            shapes = Shapes.parse(shapesGraph);
        } catch (ShaclException e) {
            problems.add(shapesFile, 0, 0, "cannot read the SHACL shapes: " + e.getMessage());
            return null;
        }
        LocalShapes reads = new LocalShapes(shapes);
        for (String why : reads.unsupported)
            problems.add(shapesFile, 0, 0, why + "; shapes are checked one focus node at a time, so "
                    + "expected SHACL Core shapes that read the focus node's own predicates (or one sh:inversePath), "
                    + "its values' types (sh:class) and its values' own predicates (sh:node, sh:or, ... on the values)");
        if (!reads.unsupported.isEmpty()) return null;
        QuickConformance.install(shapes);
        return new ShapeCheck(shapes, reads, shapesFile, spillDir, spillAfter, threads);
    }

    /** One quad of the load, in any named graph. */
    @Override
    public void add(Quad quad) {
        // The union graph is that of the named graphs, as TDB2's: the default graph is not in it.
        if (quad.isDefaultGraph()) return;
        Node s = quad.getSubject(), p = quad.getPredicate(), o = quad.getObject();
        if (p.equals(TYPE)) types.add(s, o);
        else if (p.equals(SUBCLASS_OF)) subClassOf.add(Triple.create(s, p, o));
        if (reads.ofValues.contains(p)) {
            List<Triple> of = valueTriples.computeIfAbsent(s, k -> new ArrayList<>(1));
            Triple t = Triple.create(s, p, o);
            if (!of.contains(t)) of.add(t);
        }
        if (reads.outgoing.contains(p) || alsoKept.contains(p)) byNode.add(new KeptTriple(s, p, o, false));
        if (reads.incoming.contains(p)) byNode.add(new KeptTriple(o, p, s, true));
    }


    /**
     * After the last quad: checks every focus node.
     * @param prefixes     to show nodes in messages
     * @param quoteColumn  the 1-based position of a column in a table file's header, 0 when unknown
     */
    public void check(PrefixMapping prefixes, ToLongBiFunction<String, String> quoteColumn, Problems problems) {
        check(quoteColumn, problems, (report, where) -> report(report, where, prefixes, problems));
    }

    /**
     * As {@link #check(PrefixMapping, ToLongBiFunction, Problems)}, giving each focus node's
     * violations, with the place it was defined at (or null), to {@code onViolations}.
     */
    void check(ToLongBiFunction<String, String> quoteColumn, Problems problems,
               BiConsumer<ValidationReport, String> onViolations) {
        ValidationContext base = ValidationContext.create(shapes, GraphFactory.createDefaultGraph());
        Set<Node> targetNodesLeft = new LinkedHashSet<>();
        for (Shape shape : shapes.getTargetShapes())
            for (Target t : shape.getTargets())
                if (t.getTargetType() == org.apache.jena.shacl.engine.TargetType.targetNode) targetNodesLeft.add(t.getObject());
        BiConsumer<ValidationReport, String> reported = (report, where) -> {
            synchronized (onViolations) {
                onViolations.accept(report, where);
            }
        };
        Iterator<KeptTriple> it = byNode.iterator();
        try (Workers workers = new Workers(threads)) {
            BiConsumer<Node, Graph> checkLater = (focus, g) ->
                    workers.run(() -> checkNode(focus, g, base, quoteColumn, problems, reported));
            Node node = null;
            Graph around = GraphFactory.createDefaultGraph();
            while (it.hasNext()) {
                KeptTriple kept = it.next();
                Node key = kept.key();
                if (node != null && !key.equals(node)) {
                    checkLater.accept(node, around);
                    targetNodesLeft.remove(node);
                    around = GraphFactory.createDefaultGraph();
                }
                node = key;
                kept.addTo(around);
            }
            if (node != null) {
                checkLater.accept(node, around);
                targetNodesLeft.remove(node);
            }
            // An sh:targetNode that is in no triple at all is still checked (and fails a sh:minCount).
            for (Node n : targetNodesLeft) checkLater.accept(n, GraphFactory.createDefaultGraph());
        } finally {
            Iter.close(it);
        }
    }

    /**
     * Checks nodes on {@code threads} threads (nodes are checked independently; the reading of the
     * sorted triples stays in the caller's thread), at most a few hundred nodes waiting. The first
     * failure of any node's check (out of memory, say) is thrown by {@link #close}, never lost.
     */
    private static final class Workers implements AutoCloseable {
        private final ThreadPoolExecutor pool;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Workers(int threads) {
            AtomicInteger n = new AtomicInteger();
            pool = threads <= 1 ? null : new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                    new ArrayBlockingQueue<>(threads * 128), r -> {
                        Thread t = new Thread(r, "kg-shapes-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    }, new ThreadPoolExecutor.CallerRunsPolicy());
        }

        void run(Runnable check) {
            if (failure.get() != null) return;
            if (pool == null) {
                check.run();
                return;
            }
            pool.execute(() -> {
                try {
                    check.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }

        @Override
        public void close() {
            if (pool != null) {
                pool.shutdown();
                try {
                    while (!pool.awaitTermination(1, TimeUnit.MINUTES)) { }
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while checking the shapes", e);
                }
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) throw e;
            if (t instanceof Error e) throw e;
            if (t != null) throw new IllegalStateException(t);
        }
    }

    /** Checks {@code node}, given its kept triples and those pointing at it in {@code around}. */
    private void checkNode(Node node, Graph around, ValidationContext base, ToLongBiFunction<String, String> quoteColumn,
                           Problems problems, BiConsumer<ValidationReport, String> onViolations) {
        Set<Node> values = new HashSet<>();
        around.find().forEachRemaining(t -> {
            if (!t.getSubject().equals(node)) values.add(t.getSubject());
            if (!t.getObject().equals(node) && !t.getObject().isLiteral()) values.add(t.getObject());
        });
        addTypes(around, node);
        for (Node v : values) {
            addTypes(around, v);
            valueTriples.getOrDefault(v, List.of()).forEach(around::add);
        }
        // A fresh context per node (sharing the shapes): its report is this node's violations only.
        ValidationContext vCxt = ValidationContext.create(base);
        for (Shape shape : shapes.getTargetShapes())
            for (Target target : shape.getTargets())
                if (isFocus(target, node, around)) VLib.validateShape(vCxt, around, shape, node);
        ModalityCueCheck.checkClaim(around, node, quoteColumn, problems);
        if (vCxt.hasViolation()) onViolations.accept(vCxt.generateReport(), definedAt(around, node));
    }

    /**
     * Whether {@code node} is a focus node of {@code target}. A class target is met by a node's
     * own {@code rdf:type}, no {@code rdfs:subClassOf} walk: the loader has materialised every
     * superclass as a type.
     */
    private static boolean isFocus(Target target, Node node, Graph around) {
        Node o = target.getObject();
        return switch (target.getTargetType()) {
            case targetClass, implicitClass -> around.contains(node, TYPE, o);
            case targetSubjectsOf -> around.contains(node, o, Node.ANY);
            case targetObjectsOf -> around.contains(Node.ANY, o, node);
            case targetNode -> o.equals(node);
            default -> false;
        };
    }

    /** A node's types, and the rdfs:subClassOf edges above them that sh:class follows. */
    private void addTypes(Graph g, Node node) {
        for (Node c : types.of(node)) {
            g.add(Triple.create(node, TYPE, c));
            superclassEdges.computeIfAbsent(c, this::edgesAbove).forEach(g::add);
        }
    }

    private List<Triple> edgesAbove(Node cls) {
        List<Triple> edges = new ArrayList<>();
        Set<Node> seen = new HashSet<>(Set.of(cls));
        List<Node> todo = new ArrayList<>(List.of(cls));
        while (!todo.isEmpty()) {
            Node c = todo.remove(todo.size() - 1);
            subClassOf.find(c, SUBCLASS_OF, Node.ANY).forEachRemaining(t -> {
                edges.add(t);
                if (seen.add(t.getObject())) todo.add(t.getObject());
            });
        }
        return edges;
    }

    private void report(ValidationReport report, String where, PrefixMapping prefixes, Problems problems) {
        for (ReportEntry e : report.getEntries()) {
            String file = shapesFile;
            long line = 0;
            if (where != null) {
                int colon = where.lastIndexOf(':');
                file = colon < 0 ? where : where.substring(0, colon);
                line = colon < 0 ? 0 : Long.parseLong(where.substring(colon + 1));
            }
            String path = e.resultPath() == null ? "" : ", path " + e.resultPath().toString(new Prologue(prefixes));
            // A node-level constraint reports the focus node itself as the value: said once is enough.
            String value = e.value() == null || e.value().equals(e.focusNode()) ? "" : ", value " + show(e.value(), prefixes);
            problems.add(file, line, 0, "SHACL " + e.severity().level().getLocalName().toLowerCase()
                    + ": focus " + show(e.focusNode(), prefixes) + path + value + ": " + e.message());
        }
    }

    /** The "data/x.csv:12" a node was defined at, or null. */
    private static String definedAt(Graph around, Node node) {
        var it = around.find(node, Vocab.DEFINED_AT, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
        } finally {
            it.close();
        }
    }

    /** Deletes what the bag spilled to disk. */
    @Override
    public void close() {
        byNode.close();
    }

    /**
     * Jena's spilling sorted bag, with its files in a folder of ours (Jena's own go to
     * java.io.tmpdir): under the project's state directory, beside the databases, where a full
     * disk is reported as such and {@link #close} leaves nothing.
     */
    private static final class SpillingBag extends SortedDataBag<KeptTriple> {
        private final Path dir;

        SpillingBag(Path dir, long spillAfter) {
            super(ThresholdPolicyFactory.count(spillAfter), new KeptTriple.Serialization(),
                    (a, b) -> compareTerms(a.key(), b.key()));
            this.dir = dir;
        }

        @Override
        protected File getNewTemporaryFile() {
            try {
                Files.createDirectories(dir);
                return Files.createTempFile(dir, "shapes-", ".spill").toFile();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A total order on terms, to group the kept quads by node: kind, then the term's text. */
    private static int compareTerms(Node a, Node b) {
        int ka = kind(a), kb = kind(b);
        if (ka != kb) return Integer.compare(ka, kb);
        return switch (ka) {
            case 0 -> a.getURI().compareTo(b.getURI());
            case 1 -> a.getBlankNodeLabel().compareTo(b.getBlankNodeLabel());
            default -> a.toString().compareTo(b.toString());
        };
    }

    private static int kind(Node n) {
        return n.isURI() ? 0 : n.isBlank() ? 1 : 2;
    }

    private static String show(Node n, PrefixMapping prefixes) {
        if (n.isURI()) {
            String q = prefixes.qnameFor(n.getURI());
            return q != null ? q : "<" + n.getURI() + ">";
        }
        return n.toString();
    }
}
