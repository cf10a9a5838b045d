package org.geokg.load;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.system.Txn;
import org.geokg.store.Generations;
import org.geokg.store.KgStore;
import org.geokg.store.Statistics;
import org.geokg.store.TextIndexing;
import org.geokg.store.Layout;

/**
 * {@code kg load}: runs the {@link LoadPipeline} into a fresh database directory and publishes it
 * (see {@link Generations}): TDB2's bulk loader ({@link BulkSink}) builds the database in one go,
 * then the text index is built from it in one batch ({@link TextIndexing}) and TDB2's statistics
 * are written for its optimizer ({@link Statistics}). {@code kg validate} (org.geokg.validate) runs the same
 * pipeline without a database.
 * A load that fails, for bad input or any other reason, leaves the previous database as it was.
 */
public final class Loader {
    private Loader() {}

    /** What a successful load produced. */
    public record Summary(Map<String, Long> triplesPerGraph, Duration took, Path database, Map<String, Duration> phases) {
        public long total() { return triplesPerGraph.values().stream().mapToLong(Long::longValue).sum(); }

        /** Beyond this many graphs (a corpus of many sources), only the largest are listed one by one. */
        static final int GRAPHS_LISTED = 20;

        public String describe() {
            StringBuilder sb = new StringBuilder();
            if (triplesPerGraph.size() <= GRAPHS_LISTED) {
                triplesPerGraph.forEach((g, n) -> sb.append(String.format("  %,10d  <%s>%n", n, g)));
            } else {
                var largest = triplesPerGraph.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                        .limit(GRAPHS_LISTED / 2).toList();
                largest.forEach(e -> sb.append(String.format("  %,10d  <%s>%n", e.getValue(), e.getKey())));
                long listed = largest.stream().mapToLong(Map.Entry::getValue).sum();
                sb.append(String.format("  %,10d  in the %,d other graphs%n", total() - listed, triplesPerGraph.size() - largest.size()));
            }
            sb.append(String.format("  %,10d  triples in %d named graphs, loaded in %.1f s%n", total(),
                    triplesPerGraph.size(), took.toMillis() / 1000.0));
            if (!phases.isEmpty()) {
                StringBuilder steps = new StringBuilder();
                phases.forEach((step, d) -> steps.append(steps.length() == 0 ? "" : ", ")
                        .append(String.format("%s %.1f s", step, d.toMillis() / 1000.0)));
                sb.append("  steps: ").append(steps).append(System.lineSeparator());
            }
            return sb.toString();
        }
    }

    /** Builds a new database and makes {@code dbLink} point at it, only if everything is right. */
    public static Summary load(Layout layout, Path dbLink, PrintStream out) {
        return load(layout, dbLink, out, false);
    }

    /** As {@link #load(Layout, Path, PrintStream)}; with {@code strict}, a quote left unchecked is a problem. */
    public static Summary load(Layout layout, Path dbLink, PrintStream out, boolean strict) {
        Generations gens = new Generations(dbLink);
        try (AutoCloseable lock = gens.lock()) {
            gens.pruneOld();
            Path gen = gens.newGeneration();
            Summary summary;
            try {
                summary = build(layout, gen, out, strict);
                // A publish that fails (no space for its marker) has not switched the link either.
                gens.publish(gen, summary.describe());
            } catch (RuntimeException | Error e) {
                Generations.deleteTree(gen);
                throw e;
            }
            gens.pruneOld();
            return new Summary(summary.triplesPerGraph(), summary.took(), gen, summary.phases());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads into {@code dbLink} when it has no complete database, or the one it has is older than
     * anything under data/ or ontology/ (or the configuration). Returns whether it loaded.
     */
    public static boolean loadIfStale(Layout layout, Path dbLink, PrintStream out) {
        return loadIfStale(layout, dbLink, out, false);
    }

    /** As {@link #loadIfStale(Layout, Path, PrintStream)}, loading strictly when {@code strict}. */
    public static boolean loadIfStale(Layout layout, Path dbLink, PrintStream out, boolean strict) {
        String why = staleness(layout, dbLink);
        if (why == null) return false;
        out.println(why + ": loading");
        Summary s = load(layout, dbLink, out, strict);
        out.print(s.describe());
        return true;
    }

    /** Why the database needs (re)loading, or null when it is up to date. */
    public static String staleness(Layout layout, Path dbLink) {
        Generations gens = new Generations(dbLink);
        var loadedAt = gens.loadedAt();
        if (loadedAt.isEmpty()) return "no database at " + dbLink;
        Instant newest = Generations.newestFile(layout.dataDir(), layout.ontologyDir(), layout.mappingsDir(),
                layout.configFile()).toInstant();
        return newest.isAfter(loadedAt.get()) ? "data/, ontology/ or mappings/ changed since the last load" : null;
    }

    /**
     * Aborts what is left of a write and closes the dataset being built. Anything that went wrong
     * half-way: the directory is deleted by the caller, nothing is published. As a resource, so
     * that when the abort fails too (after running out of disk space or memory, TDB2's transaction
     * may be half gone) that failure is added to the first one instead of hiding it.
     */
    private static final class Closing implements AutoCloseable {
        private Dataset open;

        Closing(Dataset ds) { this.open = ds; }

        /** Closes the dataset open now and opens the next (the same directory, seen another way). */
        Dataset reopen(Supplier<Dataset> next) {
            Dataset old = open;
            open = null;
            KgStore.closeBuilt(old);
            open = next.get();
            return open;
        }

        @Override
        public void close() {
            if (open == null) return;
            try {
                if (open.isInTransaction()) open.abort();
            } finally {
                KgStore.closeBuilt(open);
            }
        }
    }

    /** How long each step of a build took, in order. */
    private static final class Phases {
        private final Map<String, Duration> took = new LinkedHashMap<>();
        private Instant since = Instant.now();

        void end(String phase) {
            Instant now = Instant.now();
            took.put(phase, Duration.between(since, now));
            since = now;
        }

        /** A step that ran beside another, within its time. */
        void beside(String phase, Duration d) { took.put(phase, d); }

        Map<String, Duration> done() { return java.util.Collections.unmodifiableMap(took); }
    }

    private static final String COUNT_PER_GRAPH =
            "SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";

    /**
     * Runs the whole load into {@code dir}, a fresh directory nobody reads: the caller publishes it
     * ({@link #load}) or deletes it. With {@code strict}, a quote left unchecked (its article
     * absent) is a problem.
     * @throws LoadFailedException listing every problem
     */
    public static Summary build(Layout layout, Path dir, PrintStream out, boolean strict) {
        Instant t0 = Instant.now();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Long> sizes = new TreeMap<>();
        Phases phases = new Phases();
        // The configuration's own location for the TDB2 files (under dir), as the server will open it.
        DatasetGraph tdb = DatabaseMgr.connectDatasetGraph(KgStore.tdbLocation(layout.configFile(), dir));
        try (LoadPipeline pipeline = new LoadPipeline(layout, strict);
             Closing closing = new Closing(DatasetFactory.wrap(tdb))) {
            pipeline.writeOrFail(new BulkSink(tdb), out);
            phases.end("map, bulk-load and SHACL");
            // Checked beside the bulk loader's index build, so its time is within the step above.
            if (pipeline.shapesTook() != null) phases.beside("of which SHACL", pipeline.shapesTook());
            // Counted by the query engine, which decodes only the graph names: iterating the triples
            // would decode every node through TDB2's node cache, whose size is capped by count, not bytes.
            Txn.executeRead(tdb, () -> {
                try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(tdb)).query(COUNT_PER_GRAPH).build()) {
                    qe.execSelect().forEachRemaining(row ->
                            sizes.put(row.getResource("g").getURI(), row.getLiteral("n").getLong()));
                }
            });
            phases.end("count per graph");
            Statistics.write(tdb);
            phases.end("statistics");
            // The text index over the database as configured, built in one batch.
            Dataset configured = closing.reopen(() -> KgStore.open(layout.configFile(), dir));
            TextIndexing.indexAll(configured.asDatasetGraph());
            phases.end("text index");
        }
        return new Summary(sizes, Duration.between(t0, Instant.now()), dir, phases.done());
    }
}
