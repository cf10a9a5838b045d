package org.geokg.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.geokg.store.Layout;
import org.geokg.validate.ShapeCheck;

/**
 * The whole way from files to a database: ontology (Turtle) into its named graph, then the CSV
 * tables in order (sources, entities, statements) through {@link RowMapper} and the
 * {@link Materializer} into the target dataset, then the SHACL shapes over the result. The caller
 * owns the transaction and decides, from the problems, whether to commit.
 */
public final class LoadPipeline {
    private final Layout layout;
    private final Problems problems = new Problems();
    private final List<String> warnings = new ArrayList<>();
    /** Rows mapped per write transaction: large enough to be quick, small enough to keep memory flat. */
    static final int ROWS_PER_CHECKPOINT = 20_000;
    private Runnable checkpoint = () -> { };
    private int rowsSinceCheckpoint;

    public LoadPipeline(Layout layout) {
        this.layout = layout;
    }

    public Problems problems() { return problems; }
    public List<String> warnings() { return warnings; }

    /**
     * Runs everything into {@code target}, which must be in a write transaction. Every
     * {@link #ROWS_PER_CHECKPOINT} rows it calls {@code checkpoint}, which commits and begins a new
     * write transaction: one transaction for the whole input would keep growing in memory. The
     * target is a fresh directory that nobody reads until the load is published, so committing
     * part of it is safe; a load that fails deletes it.
     */
    public void run(DatasetGraph target, Runnable checkpoint) throws IOException {
        this.checkpoint = checkpoint;
        if (!Files.isDirectory(layout.dataDir()))
            problems.add(rel(layout.dataDir()), 0, 0, "data directory not found; expected CSV tables there");
        if (!Files.isDirectory(layout.ontologyDir()))
            problems.add(rel(layout.ontologyDir()), 0, 0, "ontology directory not found; expected Turtle files there");
        if (!problems.isEmpty()) return;

        Graph ontologyGraph = target.getGraph(Vocab.ONTOLOGY_GRAPH);
        PrefixMapping prefixes = PrefixMapping.Factory.create().setNsPrefixes(PrefixMapping.Standard);
        for (Path ttl : turtleFiles()) {
            if (ttl.equals(layout.shapesFile())) continue;
            Graph g = parseTurtle(ttl);
            if (g == null) continue;
            checkDocumented(ttl, g);
            g.find().forEach(ontologyGraph::add);
            prefixes.setNsPrefixes(g.getPrefixMapping());
        }
        Graph shapes = Files.isRegularFile(layout.shapesFile()) ? parseTurtle(layout.shapesFile()) : null;
        if (shapes == null && !Files.isRegularFile(layout.shapesFile()))
            problems.add(rel(layout.shapesFile()), 0, 0, "SHACL shapes file not found; expected the shapes every load must satisfy");
        if (!problems.isEmpty()) return;

        // Stored with the data, so exports and Fuseki's RDF answers read kgr:russia, not full IRIs.
        prefixes.setNsPrefix("kg", Vocab.KG).setNsPrefix("kgr", Vocab.RESOURCE).setNsPrefix("kgs", Vocab.STATEMENT)
                .setNsPrefix("src", Vocab.SOURCE);
        prefixes.getNsPrefixMap().forEach((prefix, iri) -> target.prefixes().add(prefix, iri));

        Ontology ontology = new Ontology(ontologyGraph);
        RowMapper.Registry registry = node -> definedAt(target, node);
        QuadSink sink = new Materializer(ontology, target::add);
        RowMapper mapper = new RowMapper(ontology, registry, sink, problems, layout.sharedSources(), warnings);

        Map<Table, List<CsvTableReader>> tables = new EnumMap<>(Table.class);
        for (Path csv : csvFiles()) {
            CsvTableReader reader = new CsvTableReader(csv, rel(csv), problems);
            Table t = reader.open();
            if (t != null) tables.computeIfAbsent(t, k -> new ArrayList<>()).add(reader);
        }
        for (CsvTableReader r : tables.getOrDefault(Table.SOURCES, List.of())) r.rows(checkpointed(mapper::source));
        for (CsvTableReader r : tables.getOrDefault(Table.ENTITIES, List.of())) r.rows(checkpointed(mapper::entity));
        for (CsvTableReader r : tables.getOrDefault(Table.STATEMENTS, List.of())) r.rows(checkpointed(mapper::statement));
        if (tables.getOrDefault(Table.SOURCES, List.of()).isEmpty())
            problems.add(rel(layout.dataDir()), 0, 0, "no sources table; expected a CSV file with a sources header");

        // Shapes describe complete, well-formed data; on broken rows they would only add noise.
        if (problems.isEmpty())
            ShapeCheck.check(shapes, target.getUnionGraph(), n -> definedAt(target, n), prefixes,
                    rel(layout.shapesFile()), problems);
    }

    private Consumer<CsvRow> checkpointed(Consumer<CsvRow> mapping) {
        return row -> {
            mapping.accept(row);
            if (++rowsSinceCheckpoint >= ROWS_PER_CHECKPOINT) {
                rowsSinceCheckpoint = 0;
                checkpoint.run();
            }
        };
    }

    private static String definedAt(DatasetGraph dsg, Node node) {
        if (node == null || !(node.isURI() || node.isBlank())) return null;
        var it = dsg.find(Node.ANY, node, Vocab.DEFINED_AT, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
        } finally {
            Iter.close(it);
        }
    }

    /** Every term the ontology declares in its own namespace has a label and a definition. */
    private void checkDocumented(Path file, Graph g) {
        for (Node kind : List.of(OWL2.Class.asNode(), OWL2.ObjectProperty.asNode(), OWL2.DatatypeProperty.asNode(),
                OWL2.AnnotationProperty.asNode(), OWL2.NamedIndividual.asNode(), RDFS.Datatype.asNode())) {
            g.find(Node.ANY, RDF.type.asNode(), kind).forEach(t -> {
                Node term = t.getSubject();
                if (!term.isURI() || !term.getURI().startsWith(Vocab.KG)) return;
                if (!g.contains(term, RDFS.label.asNode(), Node.ANY))
                    problems.add(rel(file), 0, 0, "kg:" + term.getLocalName() + " has no rdfs:label; expected every term documented");
                if (!g.contains(term, RDFS.comment.asNode(), Node.ANY)
                        && !g.contains(term, Vocab.iri(Vocab.SKOS + "definition"), Node.ANY))
                    problems.add(rel(file), 0, 0, "kg:" + term.getLocalName() + " has no rdfs:comment or skos:definition; expected every term documented");
            });
        }
    }

    /** Parses a Turtle file, reporting syntax errors with line and column; null when it fails. */
    private Graph parseTurtle(Path file) {
        Graph g = GraphFactory.createDefaultGraph();
        String name = rel(file);
        long before = problems.count();
        ErrorHandler handler = new ErrorHandler() {
            @Override public void warning(String message, long line, long col) { }
            @Override public void error(String message, long line, long col) { problems.add(name, line, col, message); }
            @Override public void fatal(String message, long line, long col) { problems.add(name, line, col, message); }
        };
        try {
            RDFParser.source(file).lang(Lang.TURTLE).errorHandler(handler).parse(g);
        } catch (RiotException e) {
            if (problems.count() == before) problems.add(name, 0, 0, "cannot parse Turtle: " + e.getMessage());
        }
        return problems.count() == before ? g : null;
    }

    private List<Path> turtleFiles() throws IOException { return files(layout.ontologyDir(), ".ttl"); }
    private List<Path> csvFiles() throws IOException { return files(layout.dataDir(), ".csv"); }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** A path as users see it: relative to the project home. */
    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(layout.home()) ? layout.home().relativize(abs).toString() : abs.toString();
    }

}
