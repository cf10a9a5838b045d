package org.geokg.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Duration;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.geokg.mapping.MappingEngine;
import org.geokg.mapping.MappingFiles;
import org.geokg.mapping.QuadSink;
import org.geokg.mapping.TableMapping;
import org.geokg.ontology.Ontology;
import org.geokg.ontology.Vocab;
import org.geokg.problem.Problems;
import org.geokg.shapes.ShapeCheck;
import org.geokg.store.Layout;

/**
 * The whole way from files to a database, as one stream: the ontology (Turtle) into its named
 * graph, then every table, in its mapping's load order, row by row through the
 * {@link MappingEngine} and the {@link Materializer} into a {@link LoadSink}. The pipeline starts
 * and finishes the sink; the sink alone owns the transaction. The same stream passes through a
 * {@link ShapeCheck}, which keeps what the SHACL shapes look at and checks them at the end, beside
 * the sink's finish, without reading the database back (so {@code kg validate} needs none).
 */
public final class LoadPipeline implements AutoCloseable {
    private final Layout layout;
    private final Problems problems = new Problems();
    private final List<String> warnings = new ArrayList<>();
    private final PrefixMapping prefixes = PrefixMapping.Factory.create().setNsPrefixes(PrefixMapping.Standard);
    private ShapeCheck shapeCheck;
    private volatile Duration shapesTook;
    /** Each table file's header, by the file's name in messages: where a problem found later is. */
    private final Map<String, List<String>> headers = new HashMap<>();

    private final boolean strict;

    public LoadPipeline(Layout layout) {
        this(layout, false);
    }

    /** @param strict an absent article text (quotes left unchecked) is a problem, not a warning */
    public LoadPipeline(Layout layout, boolean strict) {
        this.layout = layout;
        this.strict = strict;
    }

    public Problems problems() { return problems; }
    public List<String> warnings() { return warnings; }

    /**
     * Streams everything into {@code sink}: {@code startBulk}, the quads, then {@code finishBulk}
     * when there was no problem (with the SHACL shapes checked meanwhile; their violations are
     * problems too), {@code finishException} otherwise. The sink need not read back
     * what it has written (TDB2's bulk loader cannot until the end): an {@link IdRegistry} in the
     * stream answers the mapping engine's questions about earlier rows.
     */
    public void write(LoadSink sink) throws IOException {
        for (Path dir : List.of(layout.dataDir(), layout.ontologyDir(), layout.mappingsDir()))
            if (!Files.isDirectory(dir))
                problems.add(rel(dir), 0, 0, dir.getFileName() + " directory not found; expected "
                        + (dir.equals(layout.dataDir()) ? "CSV tables" : dir.equals(layout.ontologyDir())
                        ? "Turtle files" : "the table mappings (Turtle)") + " there");
        if (!problems.isEmpty()) return;

        Graph ontologyGraph = GraphFactory.createDefaultGraph();
        for (Path ttl : files(layout.ontologyDir(), ".ttl")) {
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
        if (shapes != null) shapeCheck = ShapeCheck.of(shapes, rel(layout.shapesFile()), layout.tmpDir(), problems);
        List<TableMapping> mappings = readMappings();
        if (!problems.isEmpty()) return;

        Map<TableMapping, List<CsvTableReader>> inputs = inputs(mappings);
        // Every quad to the sink and to the shapes' check, which sees the data as the database will.
        ShapeCheck check = shapeCheck;
        QuadSink out = check == null ? sink : quad -> {
            sink.add(quad);
            check.add(quad);
        };
        sink.startBulk();
        try {
            prefixes.getNsPrefixMap().forEach(sink::prefix);
            ontologyGraph.find().forEach(t -> out.add(Quad.create(Vocab.ONTOLOGY_GRAPH, t)));
            Ontology ontology = new Ontology(ontologyGraph);
            IdRegistry ids = new IdRegistry(mappings, out);
            MappingEngine engine = new MappingEngine(ontology, ids, new Materializer(ontology, ids), problems,
                    layout.sources(), warnings);
            for (var e : inputs.entrySet())
                for (CsvTableReader reader : e.getValue()) reader.rows(row -> engine.map(e.getKey(), row));
            engine.finish(strict);
        } catch (IOException | RuntimeException | Error e) {
            try {
                sink.finishException(e);
            } catch (RuntimeException | Error abortFailed) {
                // After running out of memory or disk space the transaction may be half gone, and
                // its abort fail too: the first failure is the one to report.
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
        if (problems.isEmpty()) finishWithShapes(sink);
        else sink.finishException(null);
    }

    /**
     * {@link #write}, then what both a load and a validation do with its outcome: the warnings
     * printed to {@code out}, an I/O failure rethrown unchecked, and every problem thrown as one
     * {@link LoadFailedException}.
     */
    public void writeOrFail(LoadSink sink, PrintStream out) {
        try {
            write(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (String w : warnings) out.println("warning: " + w);
        }
        if (!problems.isEmpty()) throw new LoadFailedException(problems.report());
    }

    /**
     * Finishes the sink while the SHACL shapes and the modality cues are checked on what was kept
     * of the stream: the check reads nothing back from the sink, so it runs beside TDB2's building
     * of its other indexes. A problem it finds is in {@link #problems()} when this returns (the
     * caller then throws away what the sink wrote); a failure of either is thrown, the other's
     * added to it.
     */
    private void finishWithShapes(LoadSink sink) {
        AtomicReference<Throwable> checkFailed = new AtomicReference<>();
        Thread check = null;
        if (shapeCheck != null) {
            check = new Thread(() -> {
                long t0 = System.nanoTime();
                try {
                    // Shapes describe complete, well-formed data: on broken rows they would only add noise.
                    shapeCheck.check(prefixes, (file, column) -> headers.getOrDefault(file, List.of()).indexOf(column) + 1,
                            problems);
                } catch (Throwable t) {
                    checkFailed.set(t);
                } finally {
                    shapesTook = Duration.ofNanos(System.nanoTime() - t0);
                }
            }, "kg-shapes");
            check.start();
        }
        Throwable failed = null;
        try {
            sink.finishBulk();
        } catch (RuntimeException | Error e) {
            failed = e;
        }
        if (check != null) {
            boolean interrupted = false;
            while (check.isAlive()) {
                try {
                    check.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (checkFailed.get() != null) {
                if (failed == null) failed = checkFailed.get();
                else failed.addSuppressed(checkFailed.get());
            }
        }
        if (failed instanceof RuntimeException e) throw e;
        if (failed instanceof Error e) throw e;
    }

    /** How long the shapes' check took (beside the sink's finish), or null when it did not run. */
    public Duration shapesTook() { return shapesTook; }

    /** Deletes what the shapes' check spilled to disk. */
    @Override
    public void close() {
        if (shapeCheck != null) shapeCheck.close();
    }

    private List<TableMapping> readMappings() throws IOException {
        List<TableMapping> all = new ArrayList<>();
        MappingFiles reader = new MappingFiles(problems);
        for (Path ttl : files(layout.mappingsDir(), ".ttl")) {
            Graph g = parseTurtle(ttl);
            if (g == null) continue;
            all.addAll(reader.read(g, rel(ttl)));
            // The mapping files declare the data's own prefixes (kgr:, kgs:, src:); kgm: is theirs only.
            g.getPrefixMapping().getNsPrefixMap().forEach((prefix, iri) -> {
                if (!iri.equals(MappingFiles.NS)) prefixes.setNsPrefix(prefix, iri);
            });
        }
        all.sort(java.util.Comparator.comparingInt(TableMapping::loadOrder));
        if (all.isEmpty()) problems.add(rel(layout.mappingsDir()), 0, 0, "no table mappings; expected kgm:TableMapping files");
        return all;
    }

    /**
     * Each mapping's input files, in load order: CSV files under data/ go to the mapping whose
     * columns their header has; a mapping without a header row names its own file.
     */
    private Map<TableMapping, List<CsvTableReader>> inputs(List<TableMapping> mappings) throws IOException {
        Map<TableMapping, List<CsvTableReader>> inputs = new LinkedHashMap<>();
        List<Table> byHeader = new ArrayList<>();
        for (TableMapping m : mappings) {
            inputs.put(m, new ArrayList<>());
            if (m.format().headerRow()) byHeader.add(Table.of(m));
        }
        for (Path csv : csvFiles()) {
            CsvTableReader reader = new CsvTableReader(csv, rel(csv), problems);
            Table t = reader.open(byHeader);
            if (t == null) continue;
            inputs.get(t.mapping()).add(reader);
            headers.put(rel(csv), reader.header());
        }
        for (TableMapping m : mappings) {
            if (m.format().headerRow()) {
                if (inputs.get(m).isEmpty() && m.loadOrder() == mappings.get(0).loadOrder())
                    problems.add(rel(layout.dataDir()), 0, 0, "no " + m.name() + " table; expected a CSV file with a "
                            + m.name() + " header");
                continue;
            }
            Path file = layout.home().resolve(m.format().inputFile()).normalize();
            if (!Files.isRegularFile(file)) {
                warnings.add(m.file() + ": input " + file + " not found: the " + m.name() + " table was not loaded");
                continue;
            }
            CsvTableReader reader = new CsvTableReader(file, rel(file), problems);
            reader.openWithoutHeader(Table.of(m), m.format().fieldNames(), m.format().delimiter());
            inputs.get(m).add(reader);
        }
        return inputs;
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

    /** The CSV tables under data/, not the drafts of kg suggest (data/drafts/), which are an analyst's scratch. */
    private List<Path> csvFiles() throws IOException {
        return files(layout.dataDir(), ".csv").stream().filter(p -> !p.startsWith(layout.draftsDir())).toList();
    }

    /**
     * The files under {@code dir} whose names end with {@code suffix}, sorted. Symbolic links are
     * followed when they lead to a file or folder inside the project, and refused (a problem, so
     * the load fails) when they lead outside it, to nothing, or round in a loop: a table is never
     * read from elsewhere without a word, and a linked folder is never silently skipped.
     */
    private List<Path> files(Path dir, String suffix) throws IOException {
        Path home = layout.home().toRealPath();
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
                            throws IOException {
                        return insideProject(d, home) ? FileVisitResult.CONTINUE
                                : FileVisitResult.SKIP_SUBTREE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a)
                            throws IOException {
                        if (!f.getFileName().toString().endsWith(suffix)) return FileVisitResult.CONTINUE;
                        if (a.isSymbolicLink())   // followed, yet still a link: it leads nowhere
                            problems.add(rel(f), 0, 0, "a symbolic link to " + Files.readSymbolicLink(f)
                                    + ", which does not exist; expected a link to a file or folder inside the project");
                        else if (a.isRegularFile() && insideProject(f, home))
                            found.add(f);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                        if (!(e instanceof FileSystemLoopException)) throw e;
                        problems.add(rel(f), 0, 0, "a symbolic link that leads back to a folder it is in; "
                                + "expected links to files or folders inside the project");
                        return FileVisitResult.CONTINUE;
                    }
                });
        found.sort(null);
        return found;
    }

    /** Whether {@code p} (a link followed to its end) is inside the project; reports it when not. */
    private boolean insideProject(Path p, Path realHome) throws IOException {
        Path real = p.toRealPath();
        if (real.startsWith(realHome)) return true;
        problems.add(rel(p), 0, 0, "a symbolic link to " + real + ", outside the project; expected files inside "
                + layout.home() + " (copy the file in rather than linking to it)");
        return false;
    }

    /** A path as users see it: relative to the project home (../shared/... for the material beside it). */
    private String rel(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path parent = layout.home().getParent();
        return abs.startsWith(layout.home()) || (parent != null && abs.startsWith(parent))
                ? layout.home().relativize(abs).toString() : abs.toString();
    }
}
