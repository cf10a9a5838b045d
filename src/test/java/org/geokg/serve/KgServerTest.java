package org.geokg.serve;

import static org.geokg.serve.ServeFixture.EX;
import static org.geokg.serve.ServeFixture.GRAPHS;
import static org.geokg.serve.ServeFixture.ONLY_IN_A;
import static org.geokg.serve.ServeFixture.PER_GRAPH;
import static org.geokg.serve.ServeFixture.TRIPLES;
import static org.geokg.serve.ServeFixture.ask;
import static org.geokg.serve.ServeFixture.count;
import static org.geokg.serve.ServeFixture.get;
import static org.geokg.serve.ServeFixture.query;
import static org.geokg.serve.ServeFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.geokg.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One read-only server with default settings (port 0) over a small database. */
class KgServerTest {
    @TempDir static Path tmp;
    static KgServer server;
    static Path stateDir;

    @BeforeAll
    static void start() {
        Path db = ServeFixture.buildDatabase(tmp.resolve("db"));
        stateDir = tmp.resolve("state");
        server = KgServer.start(ServeFixture.settings(db, stateDir));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    // ---- queries and formats

    @Test
    void selectAsJson() {
        HttpResponse<String> r = get(query(server, "kg/sparql",
                "SELECT ?label WHERE { <" + EX + "a/s0> <http://www.w3.org/2000/01/rdf-schema#label> ?label }", null),
                "application/sparql-results+json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/sparql-results+json"),
                r.headers().toString());
        assertTrue(r.body().matches("(?s).*\"label\"\\s*:\\s*\\{[^}]*\"value\"\\s*:\\s*\"thing a0\".*"), r.body());
        // Fits the response buffer, so it is sent with a length rather than chunked.
        assertEquals(Optional.of(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length)),
                r.headers().firstValue("Content-Length"));
    }

    @Test
    void selectAsCsvByAcceptHeaderAndByFormatParameter() throws IOException {
        String q = "SELECT ?s ?label WHERE { GRAPH <" + GRAPHS[1] + "> { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } } ORDER BY ?label";
        HttpResponse<String> byAccept = get(query(server, "kg/query", q, null), "text/csv");
        HttpResponse<String> byParam = get(query(server, "kg/sparql", q, "format=csv"), null);
        for (HttpResponse<String> r : List.of(byAccept, byParam)) {
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), r.headers().toString());
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(r.body())).getRecords();
            assertEquals(PER_GRAPH / 2, rows.size(), r.body());
            assertEquals("thing b0", rows.get(0).get("label"));
            assertEquals(EX + "b/s0", rows.get(0).get("s"));
        }
    }

    @Test
    void constructAsTurtle() {
        HttpResponse<String> r = get(query(server, "kg/sparql",
                "CONSTRUCT { ?s a ?c } WHERE { GRAPH <" + GRAPHS[2] + "> { ?s a ?c } }", null), "text/turtle");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"), r.headers().toString());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(r.body(), Lang.TURTLE).parse(m);
        assertEquals(PER_GRAPH / 2, m.size());
        assertTrue(m.contains(m.createResource(EX + "c/s1"), org.apache.jena.vocabulary.RDF.type,
                m.createResource(EX + "ClassC")));
    }

    @Test
    void defaultGraphIsTheUnionOfTheNamedGraphs() {
        assertEquals(TRIPLES, count(server, "?s ?p ?o"));
        assertTrue(ask(server, ONLY_IN_A));
        assertEquals(PER_GRAPH, count(server, "GRAPH <" + GRAPHS[0] + "> { ?s ?p ?o }"));
        // The unnamed query endpoint /kg answers too, over the same union.
        HttpResponse<String> r = get(query(server, "kg", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", null), "text/csv");
        assertEquals(200, r.statusCode());
        assertEquals("n\r\n" + TRIPLES + "\r\n", r.body());
    }

    @Test
    void graphStoreReadOnlyEndpoint() {
        HttpResponse<String> r = get(server.baseUrl().resolve("kg/get?graph="
                + URLEncoder.encode(GRAPHS[0], StandardCharsets.UTF_8)), "application/n-triples");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(PER_GRAPH, r.body().lines().filter(l -> !l.isBlank()).count(), r.body());
    }

    @Test
    void queryPostedAsFormAndAsSparqlQueryBody() {
        String q = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }";
        HttpResponse<String> form = send(HttpRequest.newBuilder(server.baseUrl().resolve("kg/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(q, StandardCharsets.UTF_8))).build());
        HttpResponse<String> direct = send(HttpRequest.newBuilder(server.baseUrl().resolve("kg/sparql"))
                .header("Content-Type", "application/sparql-query").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(q)).build());
        for (HttpResponse<String> r : List.of(form, direct)) {
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("n\r\n" + TRIPLES + "\r\n", r.body());
        }
    }

    // ---- the UI and its read-only admin endpoints

    @Test
    void uiIsServedAtTheRoot() {
        HttpResponse<String> r = get(server.baseUrl(), "text/html");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        assertTrue(r.body().contains("<title>Apache Jena Fuseki UI</title>"), r.body());
        // The UI's script, referenced from index.html, is served too.
        String script = r.body().replaceAll("(?s).*src=\"\\./(static/index-[^\"]+\\.js)\".*", "$1");
        assertTrue(script.startsWith("static/"), script);
        HttpResponse<String> js = get(server.baseUrl().resolve(script), null);
        assertEquals(200, js.statusCode());
        assertTrue(js.body().length() > 10_000);
    }

    @Test
    void adminReadEndpointsTheUiNeedsAnswerFromLocalhost() {
        HttpResponse<String> datasets = get(server.baseUrl().resolve("$/datasets"), "application/json");
        assertEquals(200, datasets.statusCode(), datasets.body());
        assertTrue(datasets.body().contains("\"ds.name\" : \"/kg\""), datasets.body());

        HttpResponse<String> status = get(server.baseUrl().resolve("$/server"), "application/json");
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(status.body().contains("\"ds.name\" : \"/kg\""), status.body());
        assertTrue(status.body().contains("\"sparql\""), status.body());

        assertEquals(200, get(server.baseUrl().resolve("$/ping"), null).statusCode());
        HttpResponse<String> stats = get(server.baseUrl().resolve("$/stats/kg"), "application/json");
        assertEquals(200, stats.statusCode(), stats.body());
        assertTrue(stats.body().contains("/kg"), stats.body());
        assertEquals(200, get(server.baseUrl().resolve("$/tasks"), "application/json").statusCode());
    }

    // ---- secure by default

    @Test
    void anonymousWritesAreRefusedAndChangeNothing() {
        String insert = "INSERT DATA { GRAPH <" + EX + "graph/evil> { <" + EX + "evil> <" + EX + "p> \"x\" } }";
        String turtle = "<" + EX + "evil> <" + EX + "p> \"x\" .";
        URI base = server.baseUrl();
        Map<String, HttpRequest> attempts = new java.util.LinkedHashMap<>();
        attempts.put("update at /kg/update", post(base.resolve("kg/update"), "application/sparql-update", insert));
        attempts.put("update at /kg/sparql", post(base.resolve("kg/sparql"), "application/sparql-update", insert));
        attempts.put("update form at /kg", post(base.resolve("kg"), "application/x-www-form-urlencoded",
                "update=" + URLEncoder.encode(insert, StandardCharsets.UTF_8)));
        attempts.put("update form at /kg/sparql", post(base.resolve("kg/sparql"), "application/x-www-form-urlencoded",
                "update=" + URLEncoder.encode(insert, StandardCharsets.UTF_8)));
        attempts.put("GSP PUT /kg/get", put(base.resolve("kg/get?default"), turtle));
        attempts.put("GSP POST /kg/get", post(base.resolve("kg/get?graph=" + enc(GRAPHS[0])), "text/turtle", turtle));
        attempts.put("GSP PUT /kg", put(base.resolve("kg?graph=" + enc(GRAPHS[0])), turtle));
        attempts.put("GSP POST /kg", post(base.resolve("kg?default"), "text/turtle", turtle));
        attempts.put("GSP DELETE /kg/get", HttpRequest.newBuilder(base.resolve("kg/get?graph=" + enc(GRAPHS[0]))).DELETE().build());
        attempts.put("GSP PUT /kg/data", put(base.resolve("kg/data?default"), turtle));
        attempts.put("upload", post(base.resolve("kg/upload"), "text/turtle", turtle));
        attempts.put("create dataset", post(base.resolve("$/datasets"), "application/x-www-form-urlencoded",
                "dbName=evil&dbType=mem"));
        attempts.put("delete dataset", HttpRequest.newBuilder(base.resolve("$/datasets/kg")).DELETE().build());
        attempts.put("compact", post(base.resolve("$/compact/kg"), "text/plain", ""));
        attempts.put("backup", post(base.resolve("$/backup/kg"), "text/plain", ""));
        attempts.put("reload", post(base.resolve("$/reload"), "text/plain", ""));
        attempts.put("sleep task", post(base.resolve("$/sleep"), "text/plain", ""));

        attempts.forEach((what, request) -> {
            HttpResponse<String> r = ServeFixture.sendFresh(request);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500,
                    what + " answered " + r.statusCode() + ": " + r.body());
        });

        assertEquals(TRIPLES, count(server, "?s ?p ?o"));
        assertEquals(TRIPLES, count(server, "GRAPH ?g { ?s ?p ?o }"));
        assertFalse(ask(server, "<" + EX + "evil> ?p ?o"));
        HttpResponse<String> datasets = get(base.resolve("$/datasets"), "application/json");
        assertTrue(datasets.body().contains("\"/kg\"") && !datasets.body().contains("evil"), datasets.body());
    }

    @Test
    void overlongUrlsAreRefused() {
        String q = "SELECT * { ?s ?p ?o } # " + "x".repeat(100_000);
        HttpResponse<String> r = get(query(server, "kg/sparql", q, null), null);
        assertTrue(r.statusCode() == 414 || r.statusCode() == 431, "answered " + r.statusCode());
        // A normal one still works afterwards.
        assertEquals(TRIPLES, count(server, "?s ?p ?o"));
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws IOException {
        assertEquals("127.0.0.1", server.settings().host());
        assertTrue(server.port() > 0);
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.baseUrl());
        Optional<InetAddress> external = nonLoopbackAddress();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        try (Socket s = new Socket()) {
            assertThrows(ConnectException.class,
                    () -> s.connect(new java.net.InetSocketAddress(external.get(), server.port()), 2000));
        }
    }

    @Test
    void readyMessageNamesTheUrls() {
        String msg = String.join("\n", server.readyMessage());
        String base = "http://localhost:" + server.port();
        assertTrue(msg.contains(base + "/\n"), msg);
        assertTrue(msg.contains(base + "/kg/sparql"), msg);
        assertTrue(msg.contains(base + "/kg/get"), msg);
        assertFalse(msg.contains("/kg/update"), msg);
        assertEquals(List.of("UI", "SPARQL endpoint /kg", "Graph Store (read) /kg", "Readiness (200 when serving)"),
                List.copyOf(server.urls().keySet()));
        assertTrue(msg.contains(base + "/ready"), msg);
    }

    @Test
    void noFusekiBaseAreaAndNoShiroIniAnywhere() {
        assertEquals(TRIPLES, count(server, "?s ?p ?o"));   // the server is up and has answered
        Path home = TestProject.realHome();
        Path cwd = Path.of("").toAbsolutePath();
        assertFalse(Files.exists(home.resolve("run")), "a run/ directory appeared in the project");
        assertFalse(Files.exists(cwd.resolve("run")), "a run/ directory appeared in the working directory");
        assertEquals(List.of(), ServeFixture.find(stateDir, "run", Set.of()));
        assertEquals(List.of(), ServeFixture.find(stateDir, "shiro.ini", Set.of()));
        assertEquals(List.of(), ServeFixture.find(tmp, "shiro.ini", Set.of()));
        assertEquals(List.of(), ServeFixture.find(home, "shiro.ini", Set.of("target", ".git", "node_modules")));
        // The state directory holds the log and nothing Fuseki would set up (no fuseki/, databases/, ...).
        assertEquals(Set.of("log"), list(stateDir));
    }

    @Test
    void requestsAreLoggedToTheStateDirectory() throws IOException {
        String marker = "marker" + System.nanoTime();
        assertEquals(0, count(server, "?s <" + EX + marker + "> ?o"));
        Path log = stateDir.resolve("log").resolve(ServeLogging.LOG_FILE);
        assertTrue(Files.isRegularFile(log));
        String text = Files.readString(log);
        assertTrue(text.contains(marker), "the query was not logged to " + log);
        assertTrue(text.contains("GET http://127.0.0.1:" + server.port() + "/kg/sparql"), text);
    }

    // ---- helpers

    static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
            if (!ni.isUp() || ni.isLoopback()) continue;
            for (InetAddress a : ni.inetAddresses().toList())
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return Optional.of(a);
        }
        return Optional.empty();
    }

    private static Set<String> list(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static HttpRequest post(URI uri, String contentType, String body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest put(URI uri, String turtle) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "text/turtle")
                .PUT(HttpRequest.BodyPublishers.ofString(turtle)).build();
    }
}
