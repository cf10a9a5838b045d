package org.geokg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.geokg.TestProject;
import org.geokg.load.Loader;
import org.geokg.serve.ServerProcess;
import org.geokg.store.Generations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kg query} and {@code kg export} while {@code kg serve} holds the database (TDB2 lets one
 * process open it): they go through the server, say so, and answer exactly what they answer
 * without it, FROM and FROM NAMED included; a load meanwhile is served without a restart.
 */
class CommandsWhileServingTest {
    static final String ONTOLOGY = "https://w3id.org/geokg/graph/ontology";
    static final String FIXTURE = "https://w3id.org/geokg/graph/fixture";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir Path tmp;

    record Run(int exit, String out, String err) {}

    private Run kg(TestProject project, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Dkg.home=" + project.layout.home(), "-Dkg.state=" + project.layout.state(),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt"), err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "kg " + String.join(" ", args) + " finished");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String http(int port, String query) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/kg/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).header("Accept", "text/csv").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    @Test
    void queryAndExportGoThroughTheServerAndAnswerAsWithoutIt() throws Exception {
        TestProject project = TestProject.fixture(tmp.resolve("p"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path db = project.layout.defaultDb();
        Loader.load(project.layout, db, quiet);
        Path from = file("from.rq", "SELECT (COUNT(*) AS ?n) FROM <" + ONTOLOGY + "> { ?s ?p ?o }");
        Path fromNamed = file("from-named.rq",
                "SELECT ?g (COUNT(*) AS ?n) FROM NAMED <" + FIXTURE + "> { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g");
        Path label = file("label.rq", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                + "SELECT ?l { <https://w3id.org/geokg/resource/atlantis> rdfs:label ?l }");

        Run fromServed, namedServed, exportServed;
        try (ServerProcess server = ServerProcess.start(project.layout.home(), project.layout.state(), tmp.resolve("logs"),
                "--port", "0")) {
            fromServed = kg(project, "query", from.toString(), "--format", "csv");
            assertEquals(0, fromServed.exit(), fromServed.err());
            assertTrue(fromServed.err().contains("is served by kg serve (pid " + server.pid() + ")"), fromServed.err());
            // FROM is the default graph, exactly as the endpoint takes it: the ontology graph alone.
            assertEquals(http(server.port(), "SELECT (COUNT(*) AS ?n) FROM <" + ONTOLOGY + "> { ?s ?p ?o }"), fromServed.out());
            assertEquals(http(server.port(), "SELECT (COUNT(*) AS ?n) { GRAPH <" + ONTOLOGY + "> { ?s ?p ?o } }"), fromServed.out());
            assertNotEquals(http(server.port(), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"), fromServed.out(), "FROM was ignored");

            namedServed = kg(project, "query", fromNamed.toString(), "--format", "csv");
            assertEquals(0, namedServed.exit(), namedServed.err());
            assertTrue(namedServed.out().contains(FIXTURE) && !namedServed.out().contains(ONTOLOGY), namedServed.out());

            // A load while serving: the server switches to it, no restart; the old generation goes.
            Path before = db.resolveSibling(Files.readSymbolicLink(db));
            project.write("entities.csv", project.read("entities.csv").replace("atlantis,State,Atlantis,", "atlantis,State,New Atlantis,"));
            Loader.load(project.layout, db, quiet);
            long loaded = System.nanoTime();
            String labelQuery = Files.readString(label);
            while (!http(server.port(), labelQuery).contains("New Atlantis") && System.nanoTime() - loaded < 10_000_000_000L)
                Thread.sleep(100);
            double seconds = (System.nanoTime() - loaded) / 1e9;
            assertTrue(seconds < 5, "the new load was served " + seconds + " s after it finished");
            Run labelServed = kg(project, "query", label.toString(), "--format", "csv");
            assertEquals("l\r\nNew Atlantis\r\n", labelServed.out(), labelServed.err());
            long gone = System.nanoTime() + 10_000_000_000L;
            while (Files.exists(before) && System.nanoTime() < gone) Thread.sleep(100);
            assertFalse(Files.exists(before), "the old generation was not removed");

            exportServed = kg(project, "export", "--format", "trig");
            assertEquals(0, exportServed.exit(), exportServed.err());
            assertTrue(exportServed.err().contains("is served by kg serve"), exportServed.err());
        }

        // Without the server: the command opens the database itself, and answers the same.
        Run fromLocal = kg(project, "query", from.toString(), "--format", "csv");
        assertEquals(0, fromLocal.exit(), fromLocal.err());
        assertFalse(fromLocal.err().contains("is served by"), fromLocal.err());
        assertEquals(fromServed.out(), fromLocal.out());
        assertEquals(namedServed.out(), kg(project, "query", fromNamed.toString(), "--format", "csv").out());
        Run exportLocal = kg(project, "export", "--format", "trig");
        assertEquals(0, exportLocal.exit(), exportLocal.err());
        assertEquals(exportLocal.out(), exportServed.out(), "the export differs through the server");
        assertTrue(exportLocal.out().contains("New Atlantis"));
        assertTrue(new Generations(db).current().isPresent());
    }
}
