package org.geokg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.geokg.bench.BenchStage;
import org.geokg.bench.Memory;
import org.geokg.bench.ServerUnderTest;
import org.geokg.bench.SyntheticProject;
import org.geokg.store.Generations;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures kg against TDB2's own bulk loader and stock Fuseki, side by side in one run, on a "
                + "generated project of each size (many sources, each with the real article's rows and mix of "
                + "modalities), and prints for each size: kg load's time and triples/s; TDB2's parallel loader on "
                + "the same triples (exported as N-Quads) and the ratio; both databases' size on disk; kg validate's "
                + "time; peak old-generation heap and RSS of each step; p50 and p99 of every non-federated library "
                + "query against kg serve and against stock Fuseki on the same database; requests per second at 8 "
                + "and 32 connections. Then the goals of the largest size, PASS or FAIL.",
                "Each step runs in a JVM of its own with the heap bound --heap. Works in var/tmp and removes what "
                        + "it wrote. The machine should be otherwise idle: the figures are only as steady as it is."})
public final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--statements", split = ",", paramLabel = "N[,N...]",
            defaultValue = "10000,100000,1000000", description = "Statement rows per size (default: ${DEFAULT-VALUE}). "
                    + "The goals are stated at 1000000; that size alone takes the better part of an hour and about "
                    + "30 GB of disk on a 2-core machine.")
    List<Long> sizes;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs of each query, after one unmeasured (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--heap", defaultValue = "1g", description = "Java heap bound (-Xmx) of every step and server (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--http-seconds", defaultValue = "5", description = "Seconds of each throughput run (default: ${DEFAULT-VALUE}; 0 skips them). "
            + "Each figure is the median of 3 runs, after one unmeasured.")
    int httpSeconds;

    @Option(names = "--keep", description = "Keep the generated projects and databases under var/tmp (to look into them).")
    boolean keep;

    /** A query for the throughput runs: small, selective, answered from one source's claims. */
    static final String TINY_QUERY = "PREFIX kg: <https://w3id.org/geokg/ontology#> "
            + "SELECT ?claim ?quote { ?claim kg:source <https://w3id.org/geokg/source/russia-iran-2025> ; "
            + "kg:paragraph 9 ; kg:quote ?quote }";

    private static final long MIB = 1024 * 1024;

    /** The figures of one size. */
    record Result(long statements, int sources, long triples, Stage load, Stage validate, Stage raw,
                  long ourTdb, long ourText, long rawTdb, long nquads,
                  List<ServerUnderTest.Timing> ours, List<ServerUnderTest.Timing> stock,
                  Map<Integer, double[]> rps, long ourServerRss, long stockServerRss) {}

    /** What one {@link BenchStage} printed. */
    record Stage(double seconds, long triples, long oldGen, long rss, long heapMax, String phases) {}

    @Override
    public Integer call() throws Exception {
        Layout real = Commands.layout();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("kg bench: heap bound %s per process, %d runs per query; load average at start %s%n",
                heap, runs, Memory.loadAverage());
        out.flush();
        List<Result> results = new ArrayList<>();
        for (long n : sizes) {
            Path root = real.tmpDir().resolve("bench-" + ProcessHandle.current().pid() + "-" + n);
            try {
                Result r = measure(real, root, n);
                results.add(r);
                print(out, r);
            } finally {
                if (keep) out.println("kept " + root);
                else Generations.deleteTree(root);
            }
        }
        if (!results.isEmpty()) goals(out, results.get(results.size() - 1));
        out.printf("load average at end %s%n", Memory.loadAverage());
        out.flush();
        return 0;
    }

    private Path sources;

    private Result measure(Layout real, Path root, long n) throws Exception {
        sources = real.sources();
        SyntheticProject.Written w = SyntheticProject.write(root, real, n);
        Path home = w.layout().home();
        Path link = w.layout().defaultDb();
        Stage load = stage(root, "load", home.toString(), link.toString());
        Path gen = new Generations(link).current().orElseThrow();
        Stage validate = stage(root, "validate", home.toString());
        Path nq = root.resolve("export.nq");
        stage(root, "export", home.toString(), gen.toString(), nq.toString());
        Path rawDir = root.resolve("raw-tdb2");
        Stage raw = stage(root, "tdbload", nq.toString(), rawDir.toString(), "parallel");
        long nquads = Files.size(nq);
        Files.delete(nq);

        List<Path> queries = libraryQueries(real);
        Map<Integer, double[]> rps = new LinkedHashMap<>();
        List<ServerUnderTest.Timing> ours, stock;
        long ourRss, stockRss;
        // One process per TDB2 database at a time: ours, then stock Fuseki, on the same generation.
        try (ServerUnderTest s = ServerUnderTest.start(java(List.of("-Dkg.home=" + home, "-Dkg.state=" + w.layout().state(),
                        "-Dkg.sources=" + real.sources(), "org.geokg.cli.Main", "serve", "--port", "%PORT%")),
                root, Map.of(), "ready", root.resolve("kg-serve.log"))) {
            ours = timeAll(s, queries);
            for (int c : new int[] {8, 32}) rps.computeIfAbsent(c, k -> new double[2])[0] = throughput(s, c);
            ourRss = s.peakRss();
        }
        Path stockConfig = root.resolve("stock-config.ttl");
        Model config = KgStore.configFor(w.layout().configFile(), gen);
        try (var os = Files.newOutputStream(stockConfig)) {
            RDFDataMgr.write(os, config, RDFFormat.TURTLE);
        }
        Files.createDirectories(root.resolve("fuseki"));
        try (ServerUnderTest s = ServerUnderTest.start(java(List.of("-Dlog4j2.configurationFile=none",
                        "org.apache.jena.fuseki.main.cmds.FusekiMainCmd", "--config", stockConfig.toString(),
                        "--localhost", "--port", "%PORT%")),
                root, Map.of("FUSEKI_BASE", root.resolve("fuseki").toString()), "kg/sparql?query=ASK%7B%7D", root.resolve("fuseki.log"))) {
            stock = timeAll(s, queries);
            for (int c : new int[] {8, 32}) rps.get(c)[1] = throughput(s, c);
            stockRss = s.peakRss();
        }
        return new Result(w.statements(), w.sources(), load.triples(), load, validate, raw,
                Memory.onDisk(gen.resolve(KgStore.TDB_DIR)), Memory.onDisk(gen.resolve(KgStore.TEXT_DIR)),
                Memory.onDisk(rawDir), nquads, ours, stock, rps, ourRss, stockRss);
    }

    /** Measured runs of each throughput figure; the median is printed. */
    static final int HTTP_ROUNDS = 3;

    /**
     * Requests per second from {@code connections} clients: one unmeasured run first (the server's
     * JIT and caches warm for this query and this many clients, as they would be for each server alike),
     * then the median of {@link #HTTP_ROUNDS} runs, since one run on a shared machine swings widely.
     */
    private double throughput(ServerUnderTest s, int connections) throws InterruptedException {
        if (httpSeconds <= 0) return Double.NaN;
        Duration each = Duration.ofSeconds(httpSeconds);
        s.throughput(TINY_QUERY, connections, each);
        double[] rounds = new double[HTTP_ROUNDS];
        for (int i = 0; i < HTTP_ROUNDS; i++) rounds[i] = s.throughput(TINY_QUERY, connections, each);
        java.util.Arrays.sort(rounds);
        return rounds[HTTP_ROUNDS / 2];
    }

    /** The library's queries but the federated ones (SERVICE), which would measure Wikidata. */
    static List<Path> libraryQueries(Layout real) throws IOException {
        try (Stream<Path> files = Files.list(real.queriesDir())) {
            List<Path> all = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".rq")).sorted().toList())
                if (!Files.readString(f).contains("SERVICE")) all.add(f);
            return all;
        }
    }

    private List<ServerUnderTest.Timing> timeAll(ServerUnderTest s, List<Path> queries) throws Exception {
        List<ServerUnderTest.Timing> timings = new ArrayList<>();
        for (Path q : queries)
            timings.add(s.time(q.getFileName().toString().replace(".rq", ""), Files.readString(q), runs));
        return timings;
    }

    private List<String> java(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", absoluteClassPath()));
        cmd.addAll(args);
        return cmd;
    }

    /** This JVM's class path with each entry absolute: the steps and servers run in other directories. */
    private static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private Stage stage(Path root, String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("-Dkg.sources=" + sources, BenchStage.class.getName()));
        a.addAll(List.of(args));
        Path log = root.resolve("stage-" + args[0] + ".log");
        Process p = new ProcessBuilder(java(a)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        List<String> lines = Files.readAllLines(log);
        String phases = lines.stream().filter(l -> l.startsWith("bench-phases ")).map(l -> l.substring(13))
                .findFirst().orElse("");
        for (String line : lines)
            if (exit == 0 && line.startsWith("bench-result ")) {
                Map<String, String> f = new LinkedHashMap<>();
                for (String kv : line.substring(13).split(" ")) f.put(kv.split("=")[0], kv.split("=")[1]);
                return new Stage(Double.parseDouble(f.get("seconds")), Long.parseLong(f.get("triples")),
                        Long.parseLong(f.get("oldgen")), Long.parseLong(f.get("rss")), Long.parseLong(f.get("heapmax")), phases);
            }
        throw new UserError("kg bench: step '" + args[0] + "' failed (exit " + exit + "):\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
    }

    private void print(PrintWriter out, Result r) {
        out.printf("%n== %,d statements in %,d sources: %,d triples (N-Quads %,d MiB) ==%n",
                r.statements(), r.sources(), r.triples(), r.nquads() / MIB);
        out.printf("%-38s %9s %11s %11s %9s %12s%n", "", "seconds", "triples/s", "old gen MiB", "RSS MiB", "on disk MiB");
        out.printf("%-38s %9.1f %,11.0f %,11d %,9d %,12d%n", "kg load (text index, SHACL included)",
                r.load().seconds(), r.triples() / r.load().seconds(), r.load().oldGen() / MIB, r.load().rss() / MIB,
                r.ourTdb() / MIB);
        out.printf("%-38s %9s %11s %11s %9s %,12d%n", "  and its text index", "", "", "", "", r.ourText() / MIB);
        out.printf("  kg load's steps: %s%n", r.load().phases());
        out.printf("%-38s %9.1f %,11.0f %,11d %,9d %,12d%n", "TDB2 parallel loader, same triples",
                r.raw().seconds(), r.raw().triples() / r.raw().seconds(), r.raw().oldGen() / MIB, r.raw().rss() / MIB,
                r.rawTdb() / MIB);
        out.printf("%-38s %9.1f %11s %,11d %,9d%n", "kg validate", r.validate().seconds(), "",
                r.validate().oldGen() / MIB, r.validate().rss() / MIB);
        out.printf("kg load / parallel loader: time %.2fx, throughput %.2fx, TDB2 on disk %.2fx; validate / load %.2f%n",
                r.load().seconds() / r.raw().seconds(), throughputRatio(r), diskRatio(r),
                r.validate().seconds() / r.load().seconds());
        out.printf("%n%-28s %7s %9s %9s %11s %11s%n", "query (ms over " + runs + " runs)", "rows", "kg p50", "kg p99",
                "stock p50", "stock p99");
        for (int i = 0; i < r.ours().size(); i++) {
            ServerUnderTest.Timing o = r.ours().get(i), s = r.stock().get(i);
            out.printf("%-28s %7s %9s %9s %11s %11s%s%n", o.name(), o.rows() < 0 ? "error" : String.format("%,d", o.rows()),
                    ms(o.p50()), ms(o.p99()), ms(s.p50()), ms(s.p99()),
                    o.error() != null ? "  kg: " + o.error() : s.error() != null ? "  stock: " + s.error() : "");
        }
        out.printf("%nHTTP requests/s, one small query: the median of %d runs of %d s, after one unmeasured%n",
                HTTP_ROUNDS, httpSeconds);
        out.printf("%-43s %7s %9s%n", "", "kg", "stock");
        r.rps().forEach((c, v) -> out.printf("  %2d connections                            %7.0f %9.0f%n", c, v[0], v[1]));
        out.printf("server peak RSS MiB                            %7d %9d%n", r.ourServerRss() / MIB, r.stockServerRss() / MIB);
        out.flush();
    }

    private static String ms(long v) { return v < 0 ? "-" : String.format("%,d", v); }

    private static double throughputRatio(Result r) {
        return (r.triples() / r.load().seconds()) / (r.raw().triples() / r.raw().seconds());
    }

    private static double diskRatio(Result r) { return (double) r.ourTdb() / r.rawTdb(); }

    /** The goals of issue 12, stated at 1,000,000 statements, judged on the largest size measured. */
    private void goals(PrintWriter out, Result r) {
        out.printf("%nGoals (stated at 1,000,000 statements; judged here at %,d):%n", r.statements());
        long oneGiB = 1024 * MIB;
        goal(out, diskRatio(r) <= 1.1, String.format("TDB2 database on disk <= 1.1x the raw loader's, no compaction: %.2fx", diskRatio(r)));
        double vl = r.validate().seconds() / r.load().seconds();
        goal(out, vl <= 0.25 && r.validate().heapMax() <= oneGiB,
                String.format("kg validate <= 0.25 of the load's time, heap <= 1 GiB: %.2f, heap %d MiB", vl, r.validate().heapMax() / MIB));
        List<String> slow = new ArrayList<>();
        for (ServerUnderTest.Timing t : r.ours())
            if (t.error() != null || (t.rows() < 1000 && t.p99() >= 50)) slow.add(t.name() + " " + ms(t.p99()));
        goal(out, slow.isEmpty(), "every library query with < 1,000 rows has p99 < 50 ms"
                + (slow.isEmpty() ? "" : ": not " + String.join(", ", slow)));
        r.ours().stream().filter(t -> t.name().equals("modality-counts")).findFirst().ifPresent(t ->
                goal(out, t.error() == null && t.p99() < 1000, "modality-counts (aggregate over claims) < 1 s: p99 " + ms(t.p99()) + " ms"));
        double tr = throughputRatio(r);
        goal(out, tr >= 0.9 && r.load().heapMax() <= oneGiB,
                String.format("kg load >= 0.9x the parallel loader's throughput, heap <= 1 GiB: %.2fx, heap %d MiB", tr, r.load().heapMax() / MIB));
        if (httpSeconds > 0) {
            boolean ok = r.rps().values().stream().allMatch(v -> v[0] >= v[1]);
            StringBuilder sb = new StringBuilder("HTTP throughput >= stock Fuseki's at 8 and 32 connections:");
            r.rps().forEach((c, v) -> sb.append(String.format(" %d: %.0f vs %.0f;", c, v[0], v[1])));
            goal(out, ok, sb.toString());
        }
    }

    private static void goal(PrintWriter out, boolean pass, String what) {
        out.printf("  %s  %s%n", pass ? "PASS" : "FAIL", what);
    }
}
