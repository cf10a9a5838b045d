package org.geokg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.assembler.DatasetAssemblerVocab;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.tdb2.assembler.VocabTDB2;
import org.geokg.TestProject;
import org.geokg.store.KgStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The W3C SPARQL 1.1 test suites over HTTP, against {@code kg serve} and, side by side, against a
 * stock Fuseki from the same jar (in memory, {@code --update}), with the npm package
 * {@code rdf-test-suite} (src/test/w3c; {@code .ci/run} installs it with {@code npm ci}):
 * <ul>
 * <li>the protocol suite (34 tests) against {@code kg serve --update --passwd}, every request
 *     carrying the login (src/test/w3c/engine.js): all 34 must pass;</li>
 * <li>the Graph Store protocol suite against {@code /kg/data}: at least what stock passes;</li>
 * <li>the query evaluation suite (evaluation and syntax tests) over HTTP: at least what stock
 *     passes. The tests bring their own default graph, so kg serve runs here over a database
 *     whose default graph is its stored one (the real configuration makes it the union of the
 *     named graphs, which only answers tests that put nothing in the default graph).</li>
 * </ul>
 * The counts and the tests that differ are printed and written to {@code target/w3c/summary.txt},
 * each run's full output to {@code target/w3c/NAME.log}.
 * Runs whenever ../shared/w3c/sparql11 is present; skips (with the reason) only when it is absent.
 */
class W3cSuitesTest {
    static final String BASE = "http://w3c.github.io/rdf-tests/sparql/sparql11/";
    static final String MANIFEST = BASE + "manifest-all.ttl";
    static final String PROTOCOL = "http://www.w3.org/TR/sparql11-protocol/";
    static final String GRAPH_STORE = "http://www.w3.org/TR/sparql11-http-rdf-update/";
    static final String QUERY = "http://www.w3.org/TR/sparql11-query/";
    static final Duration SUITE_TIME_LIMIT = Duration.ofMinutes(4);
    static final String USER = "w3c";

    @TempDir static Path tmp;
    static Path suites;
    static Path harness;
    static String password;
    static KgServer kg;
    static KgServer kgPlainDefault;
    static KgServer kgInMemory;
    static Process stock;
    static int stockPort;

    @BeforeAll
    static void start() throws Exception {
        suites = TestProject.realHome().resolve("..").resolve("shared").resolve("w3c").resolve("sparql11").normalize();
        Assumptions.assumeTrue(Files.isDirectory(suites.resolve("protocol")),
                "skipped: the W3C SPARQL 1.1 suites are not at " + suites + " (../shared/w3c/sparql11)");
        harness = TestProject.realHome().resolve("src/test/w3c");
        installHarness(harness);

        password = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(12));
        Path passwd = tmp.resolve("passwd");
        Files.writeString(passwd, USER + ": " + password + "\n");
        kg = KgServer.start(ServeFixture.settings(ServeFixture.buildDatabase(tmp.resolve("db")), tmp.resolve("state"))
                .withUpdate(passwd));
        Model config = RDFDataMgr.loadModel(ServeFixture.configFile().toString());
        Path plainConfig = write(plainDefaultGraph(config), tmp.resolve("config-plain-default.ttl"));
        Path plainDb = emptyDatabase(plainConfig, tmp.resolve("db-plain"));
        kgPlainDefault = KgServer.start(ServeSettings.defaults(plainConfig, plainDb, tmp.resolve("state-plain"))
                .withPort(0).withUpdate(passwd));
        Path memConfig = write(inMemory(config), tmp.resolve("config-in-memory.ttl"));
        Path memDb = Files.createDirectories(tmp.resolve("db-mem").resolve(KgStore.TDB_DIR)).getParent();
        kgInMemory = KgServer.start(ServeSettings.defaults(memConfig, memDb, tmp.resolve("state-mem"))
                .withPort(0).withUpdate(passwd));
        startStockFuseki();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (stock != null) {
            stock.destroy();
            if (!stock.waitFor(20, TimeUnit.SECONDS)) stock.destroyForcibly();
        }
        if (kg != null) kg.close();
        if (kgPlainDefault != null) kgPlainDefault.close();
        if (kgInMemory != null) kgInMemory.close();
    }

    @Test
    void suitesPassAtLeastAsStockFusekiDoes() throws IOException {
        String kgBase = "http://127.0.0.1:" + kg.port() + "/kg";
        String kgPlain = "http://127.0.0.1:" + kgPlainDefault.port() + "/kg";
        String stockDs = "http://127.0.0.1:" + stockPort + "/ds";
        Map<String, String> login = Map.of("KG_W3C_USER", USER, "KG_W3C_PASSWORD", password);

        Map<String, Result[]> results = new LinkedHashMap<>();
        results.put("protocol", new Result[] {
                run("kg-protocol", PROTOCOL, "{\"protocolEndpoint\":\"" + kgBase + "\"}", login),
                run("stock-protocol", PROTOCOL, "{\"protocolEndpoint\":\"" + stockDs + "\"}", Map.of()) });
        results.put("graph store", new Result[] {
                run("kg-gsp", GRAPH_STORE, "{\"graphStoreEndpoint\":\"" + kgBase + "/data\"}", login),
                run("stock-gsp", GRAPH_STORE, "{\"graphStoreEndpoint\":\"" + stockDs + "\"}", Map.of()) });
        Result stockQuery = run("stock-query", QUERY, "{}", Map.of("KG_W3C_QUERY", stockDs, "KG_W3C_UPDATE", stockDs));
        results.put("query evaluation", new Result[] {
                run("kg-query-memory", QUERY, "{}", queryEnv(login, "http://127.0.0.1:" + kgInMemory.port() + "/kg")),
                stockQuery });
        results.put("query eval., TDB2", new Result[] {
                run("kg-query-tdb2", QUERY, "{}", queryEnv(login, kgPlain)), stockQuery });

        String summary = summary(results);
        System.out.println(summary);
        Path out = TestProject.realHome().resolve("target/w3c/summary.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, summary);

        Result[] protocol = results.get("protocol");
        assertEquals(34, protocol[0].total(), "the protocol suite has 34 tests\n" + summary);
        assertEquals(34, protocol[0].passed.size(), "kg serve must pass the whole protocol suite\n" + summary);
        Result[] gsp = results.get("graph store");
        assertEquals(13, gsp[0].total(), summary);
        assertTrue(gsp[0].passed.size() >= gsp[1].passed.size() && gsp[0].passed.size() >= 8,
                "graph store: kg serve passes fewer than stock Fuseki\n" + summary);
        Result[] query = results.get("query evaluation");
        assertEquals(query[1].total(), query[0].total(), summary);
        assertTrue(query[0].total() > 300, "the query evaluation suite did not run\n" + summary);
        assertTrue(query[0].passed.size() >= query[1].passed.size(),
                "query evaluation: kg serve passes fewer than stock Fuseki\n" + summary);
    }

    private static Map<String, String> queryEnv(Map<String, String> login, String dataset) {
        Map<String, String> env = new LinkedHashMap<>(login);
        env.put("KG_W3C_QUERY", dataset + "/sparql");
        env.put("KG_W3C_UPDATE", dataset + "/update");
        return env;
    }

    // ---- running rdf-test-suite

    /** What one run of rdf-test-suite printed: the tests that passed and those that failed, by IRI. */
    record Result(TreeSet<String> passed, TreeSet<String> failed, String log) {
        int total() { return passed.size() + failed.size(); }
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    /** {@code ✔ name (IRI) 12.3ms} or {@code ✖ name (IRI)}, one per test. */
    private static final Pattern TEST_LINE = Pattern.compile("^([\u2714\u2716]) .*\\((https?://[^()\\s]+)\\)(?: [0-9.]+ms)?$");
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) / (\\d+) tests succeeded");

    static Result run(String name, String spec, String engineOptions, Map<String, String> env) throws IOException {
        Path log = TestProject.realHome().resolve("target/w3c").resolve(name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", harness.resolve("node_modules/rdf-test-suite/bin/Runner.js").toString(),
                "engine.js", MANIFEST,   // the runner loads it relative to the working directory
                "-m", BASE + "~" + suites + "/",
                "-s", spec, "-i", engineOptions, "-d", "20000", "-e")
                .directory(harness.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KG_W3C_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(SUITE_TIME_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(name + ": rdf-test-suite did not finish within " + SUITE_TIME_LIMIT + "; see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String text = ANSI.matcher(Files.readString(log, StandardCharsets.UTF_8)).replaceAll("");
        TreeSet<String> passed = new TreeSet<>();
        TreeSet<String> failed = new TreeSet<>();
        int succeeded = -1, total = -1;
        for (String line : text.split("\n")) {
            Matcher m = TEST_LINE.matcher(line.strip());
            if (m.matches()) (m.group(1).equals("\u2714") ? passed : failed).add(m.group(2));
            Matcher s = SUMMARY.matcher(line);
            if (s.find()) {
                succeeded = Integer.parseInt(s.group(1));
                total = Integer.parseInt(s.group(2));
            }
        }
        failed.removeAll(passed);
        if (p.exitValue() != 0 || total < 0)
            fail(name + ": rdf-test-suite exited " + p.exitValue() + " without a summary:\n" + tail(text));
        assertEquals(succeeded, passed.size(), name + ": passed tests counted differently from the summary line");
        assertEquals(total, passed.size() + failed.size(), name + ": tests counted differently from the summary line");
        return new Result(passed, failed, text);
    }

    static String summary(Map<String, Result[]> results) {
        StringBuilder sb = new StringBuilder("W3C SPARQL 1.1 suites over HTTP: passed / run\n");
        sb.append(String.format("  %-18s %-14s %s%n", "suite", "kg serve", "stock Fuseki (--mem --update)"));
        results.forEach((suite, r) -> sb.append(String.format("  %-18s %-14s %s%n", suite,
                r[0].passed.size() + " / " + r[0].total(), r[1].passed.size() + " / " + r[1].total())));
        results.forEach((suite, r) -> {
            TreeSet<String> onlyKg = new TreeSet<>(r[0].passed);
            onlyKg.removeAll(r[1].passed);
            TreeSet<String> onlyStock = new TreeSet<>(r[1].passed);
            onlyStock.removeAll(r[0].passed);
            if (!onlyKg.isEmpty()) sb.append("  ").append(suite).append(": passed by kg serve only: ").append(onlyKg).append('\n');
            if (!onlyStock.isEmpty()) sb.append("  ").append(suite).append(": passed by stock only: ").append(onlyStock).append('\n');
        });
        return sb.toString();
    }

    private static String tail(String text) {
        return text.length() <= 3000 ? text : "..." + text.substring(text.length() - 3000);
    }

    // ---- set-up

    /** Installs the pinned harness (package-lock.json) with npm when .ci/run has not already. */
    static void installHarness(Path dir) throws IOException, InterruptedException {
        if (Files.isRegularFile(dir.resolve("node_modules/rdf-test-suite/bin/Runner.js"))
                && Files.isDirectory(dir.resolve("node_modules/n3"))) return;
        Process p;
        try {
            p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("npm-ci.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("the W3C suites need Node.js and npm (Debian: nodejs npm) to install "
                    + "their harness in " + dir + "; .ci/run installs them", e);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0)
            fail("npm ci in " + dir + " failed:\n" + Files.readString(tmp.resolve("npm-ci.log")));
    }

    /** The project's configuration with the stored default graph as the query default graph. */
    static Model plainDefaultGraph(Model config) {
        Model m = ModelFactory.createDefaultModel().add(config);
        assertTrue(m.contains(null, VocabTDB2.pUnionDefaultGraph, m.createTypedLiteral(true)),
                "the project's configuration no longer sets tdb2:unionDefaultGraph; update this test");
        m.removeAll(null, VocabTDB2.pUnionDefaultGraph, null);
        return m;
    }

    /**
     * The project's configuration (endpoints, text index, timeout) over Jena's in-memory dataset
     * instead of TDB2: the storage stock Fuseki --mem has, so the two differ only in the server.
     * The TDB2 location stays in the file (unused by a memory dataset) for KgStore to point it.
     */
    static Model inMemory(Model config) {
        Model m = plainDefaultGraph(config);
        List<Resource> tdb = m.listResourcesWithProperty(RDF.type, VocabTDB2.tDatasetTDB2).toList();
        assertEquals(1, tdb.size(), "expected one TDB2 dataset in the project's configuration");
        m.removeAll(tdb.get(0), RDF.type, null);
        m.add(tdb.get(0), RDF.type, DatasetAssemblerVocab.tMemoryDataset);
        return m;
    }

    static Path write(Model config, Path out) throws IOException {
        try (var os = Files.newOutputStream(out)) {
            RDFDataMgr.write(os, config, Lang.TURTLE);
        }
        return out;
    }

    static Path emptyDatabase(Path config, Path dir) {
        Dataset ds = KgStore.open(config, dir);
        KgStore.close(ds);
        return dir;
    }

    /** Stock Fuseki from the test class path (the same Jena jars), in memory, with updates, on a free port. */
    static void startStockFuseki() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Dlog4j2.configurationFile=none",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.jena.fuseki.main.cmds.FusekiMainCmd", "--mem", "--update", "--port=0", "/ds"));
        stock = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Pattern started = Pattern.compile("Start Fuseki \\(http=(\\d+)\\)");
        BufferedReader out = new BufferedReader(new InputStreamReader(stock.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = started.matcher(line);
            if (m.find()) {
                stockPort = Integer.parseInt(m.group(1));
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) { /* keep the pipe from filling */ }
                    } catch (IOException e) {
                        // the process ended
                    }
                }, "stock-fuseki-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new UncheckedIOException(new IOException("stock Fuseki did not start:\n" + seen));
    }
}
