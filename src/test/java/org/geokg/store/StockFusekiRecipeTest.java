package org.geokg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.geokg.TestProject;
import org.geokg.load.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's recipe for a stock Fuseki: after {@code kg load}, from the repository root,
 * {@code FUSEKI_BASE=var/fuseki fuseki-server --config fuseki-config/config.ttl}. Run here with
 * Fuseki's own main class (FusekiMainCmd, as the distribution's fuseki-server does) in a separate
 * process: it serves the loaded data with full-text search, and writes nothing next to the
 * configuration file (the text index directory is taken from the working directory, like TDB2's).
 */
class StockFusekiRecipeTest {
    @TempDir Path tmp;

    @Test
    void aStockFusekiServesTheLoadedDatabaseWithFullTextSearchAndWritesNothingBesideTheConfig() throws Exception {
        TestProject project = TestProject.real(tmp.resolve("project"));
        Path home = project.layout.home();
        Loader.load(project.layout, project.layout.defaultDb(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = tmp.resolve("fuseki.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlog4j2.configurationFile=none", "-cp", cp, "org.apache.jena.fuseki.main.cmds.FusekiMainCmd",
                "--config", "fuseki-config/config.ttl", "--localhost", "--port", Integer.toString(port))
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FUSEKI_BASE", "var/fuseki");
        Process fuseki = pb.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            waitUntilUp(http, base, fuseki, log);

            // Full text over labels (data/entities.csv: "Houthis") and over quotes (paragraph 9: "cryptocurrency").
            String labels = csv(http, base, "PREFIX text: <http://jena.apache.org/text#> "
                    + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                    + "SELECT ?s { ?s text:query (rdfs:label \"Houthi*\") }");
            assertTrue(labels.contains("https://w3id.org/geokg/resource/houthis"), "label search: " + labels);
            String quotes = csv(http, base, "PREFIX text: <http://jena.apache.org/text#> "
                    + "PREFIX kg: <https://w3id.org/geokg/ontology#> "
                    + "SELECT ?s { ?s text:query (kg:quote \"cryptocurrency\") }");
            assertTrue(quotes.contains("https://w3id.org/geokg/statement/p9-russia-explored-crypto"), "quote search: " + quotes);
            // The union default graph: every source graph and the ontology in one.
            String union = csv(http, base, "ASK { <https://w3id.org/geokg/resource/russia> "
                    + "<https://w3id.org/geokg/ontology#soleArmsSupplierTo> <https://w3id.org/geokg/resource/iran> }");
            assertTrue(union.toLowerCase().contains("true"), union);
        } finally {
            fuseki.destroy();
            if (!fuseki.waitFor(20, TimeUnit.SECONDS)) fuseki.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        assertFalse(Files.exists(home.resolve("fuseki-config/var")), "nothing is created beside the configuration file");
        assertFalse(Files.exists(home.resolve("run")), "no run/ in the source tree");
    }

    /** Fuseki's main has no /$/ping unless asked; a trivial query says the dataset is up. */
    private static void waitUntilUp(HttpClient http, URI base, Process fuseki, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!fuseki.isAlive())
                throw new AssertionError("Fuseki exited with " + fuseki.exitValue() + ":\n" + Files.readString(log));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("kg/sparql?query=ASK%7B%7D")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Fuseki did not answer within 90 s:\n" + Files.readString(log));
    }

    private static String csv(HttpClient http, URI base, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("kg/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .header("Accept", "text/csv").timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

}
