package org.geokg.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.jena.query.Dataset;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.geokg.load.Loader;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;
import org.geokg.validate.Validator;

/**
 * One measured step of {@code kg bench}, in a JVM of its own so that its heap bound, peak heap
 * and peak resident memory are its own, and so that each TDB2 database has one process at a time.
 * Prints one line, {@code bench-result seconds=... triples=... oldgen=... rss=...}, that
 * {@code kg bench} reads.
 * <pre>
 *   load     HOME DBLINK       kg load, as the command does it
 *   validate HOME              kg validate
 *   export   HOME GENERATION FILE   the loaded quads as N-Quads (not measured: the loader's input)
 *   tdbload  FILE DIR [phased|parallel]  TDB2's own bulk loader (what tdb2.tdbloader runs) into DIR
 * </pre>
 */
public final class BenchStage {
    private BenchStage() {}

    public static void main(String[] args) throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        long triples = 0;
        switch (args[0]) {
            case "load" -> {
                Loader.Summary summary = Loader.load(home(args[1]), Path.of(args[2]), quiet);
                triples = summary.total();
                StringBuilder phases = new StringBuilder();
                summary.phases().forEach((phase, took) -> phases.append(String.format(Locale.ROOT, "%s%s %.1f s",
                        phases.length() == 0 ? "" : ", ", phase, took.toMillis() / 1000.0)));
                System.out.println("bench-phases " + phases);
            }
            case "validate" -> Validator.validate(home(args[1]), quiet);
            case "export" -> triples = export(home(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "tdbload" -> triples = tdbLoad(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? args[3] : "parallel");
            default -> throw new IllegalArgumentException("unknown stage " + args[0]);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "bench-result seconds=%.3f triples=%d oldgen=%d rss=%d heapmax=%d%n",
                seconds, triples, oldGenPeak(), Memory.peakRss(ProcessHandle.current().pid()),
                Runtime.getRuntime().maxMemory());
        System.exit(0);
    }

    private static Layout home(String dir) {
        Layout l = Layout.of(Path.of(dir));
        String sources = System.getProperty("kg.sources");
        return sources == null ? l : l.withSources(Path.of(sources));
    }

    private static long export(Layout layout, Path generation, Path file) throws IOException {
        Dataset ds = KgStore.open(layout.configFile(), generation);
        long[] n = {0};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StreamRDF w = StreamRDFWriter.getWriterStream(out, RDFFormat.NQUADS);
            Txn.executeRead(ds, () -> {
                w.start();
                DatasetGraph dsg = ds.asDatasetGraph();
                dsg.find().forEachRemaining(q -> {
                    w.quad(q);
                    n[0]++;
                });
                w.finish();
            });
        } finally {
            KgStore.close(ds);
        }
        return n[0];
    }

    private static long tdbLoad(Path nquads, Path dir, String kind) {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        try {
            DataLoader loader = switch (kind) {
                case "phased" -> LoaderFactory.phasedLoader(dsg, (fmt, fmtArgs) -> { });
                default -> LoaderFactory.parallelLoader(dsg, (fmt, fmtArgs) -> { });
            };
            loader.startBulk();
            try {
                RDFParser.source(nquads).parse(loader.stream());
                loader.finishBulk();
            } catch (RuntimeException e) {
                loader.finishException(e);
                throw e;
            }
            return loader.countQuads() + loader.countTriples();
        } finally {
            dsg.close();
            TDBInternal.expel(dsg);
        }
    }

    /** The peak of the old generation: what survives collections, not the garbage the young one holds. */
    private static long oldGenPeak() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP && (p.getName().contains("Old") || p.getName().contains("Tenured")))
                sum += p.getPeakUsage().getUsed();
        return sum;
    }
}
