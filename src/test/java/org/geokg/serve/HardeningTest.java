package org.geokg.serve;

import static org.geokg.serve.ServeFixture.GRAPHS;
import static org.geokg.serve.ServeFixture.TRIPLES;
import static org.geokg.serve.ServeFixture.ask;
import static org.geokg.serve.ServeFixture.basic;
import static org.geokg.serve.ServeFixture.sendFresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile but fair client meets: bad queries get a one-line 400, SERVICE is refused
 * wherever it sits, every response says nosniff, CORS only where nothing is written, the Graph
 * Store's default graph is the union, slow headers are cut off, and the log stays small.
 */
class HardeningTest {
    static final String USER = "carol";
    static final String PASSWORD = "test-only-" + Long.toHexString(System.nanoTime());
    static final String DISALLOWED = "http://127.0.0.1:9/not-allowed";
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);

    @TempDir static Path tmp;
    static KgServer server;
    static Path stateDir;

    @BeforeAll
    static void start() throws IOException {
        Path db = ServeFixture.buildDatabase(tmp.resolve("db"));
        stateDir = tmp.resolve("state");
        Path passwd = Files.writeString(tmp.resolve("passwd"), USER + ": " + PASSWORD + "\n");
        System.setProperty(JettySettings.HEADER_TIMEOUT_PROPERTY, Double.toString(HEADER_TIMEOUT.toMillis() / 1000.0));
        try {
            server = KgServer.start(ServeFixture.settings(db, stateDir).withUpdate(passwd));
        } finally {
            System.clearProperty(JettySettings.HEADER_TIMEOUT_PROPERTY);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static HttpResponse<String> postQuery(String query) {
        return sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg/sparql"))
                .header("Content-Type", "application/sparql-query")
                .header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build());
    }

    private static String repeat(String s, int n) {
        return String.valueOf(s).repeat(n);
    }

    private static void assertOneLine400(HttpResponse<String> r) {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(1, r.body().strip().lines().count(), "not one line: " + r.body());
    }

    // ---- 1, 2: bad queries, the log

    @Test
    void twoThousandNestedSubSelectsGet400() {
        int n = 2000;
        String q = "SELECT * WHERE " + repeat("{ SELECT * WHERE ", n) + "{ ?s ?p ?o }" + repeat(" }", n);
        assertOneLine400(postQuery(q));
    }

    @Test
    void twentyThousandUnionBranchesGet400() {
        String q = "SELECT * WHERE { " + IntStream.range(0, 20_000).mapToObj(i -> "{ ?s ?p " + i + " }")
                .collect(Collectors.joining(" UNION ")) + " }";
        assertOneLine400(postQuery(q));
    }

    @Test
    void twentyThousandPathAlternativesGet400() {
        String q = "SELECT * WHERE { ?s " + IntStream.range(0, 20_000).mapToObj(i -> "<http://example.org/p" + i + ">")
                .collect(Collectors.joining("|")) + " ?o }";
        assertOneLine400(postQuery(q));
    }

    @Test
    void aLongBlockOfTriplePatternsGets400NotAStackTrace() {
        String q = "SELECT * WHERE { " + IntStream.range(0, 20_000).mapToObj(i -> "?s" + i + " <http://example.org/p> ?o" + i + " .")
                .collect(Collectors.joining(" ")) + " }";
        assertOneLine400(postQuery(q));
    }

    @Test
    void aSyntaxErrorIsStill400AndAGoodQueryStillAnswers() {
        assertEquals(400, postQuery("SELECT * WHERE { ?s ?p").statusCode());
        assertTrue(ask(server, "?s ?p ?o"));
        String manyUnions = "SELECT * WHERE { " + IntStream.range(0, 50).mapToObj(i -> "{ ?s ?p " + i + " }")
                .collect(Collectors.joining(" UNION ")) + " }";
        assertEquals(200, postQuery(manyUnions).statusCode());
    }

    @Test
    void theLogKeepsTheHeadOfABigQueryAndNoStackTraceForABadOne() throws IOException {
        String marker = "big-query-" + System.nanoTime();
        String values = IntStream.range(0, 5000).mapToObj(i -> "<http://example.org/" + marker + "/" + i + ">")
                .collect(Collectors.joining(" "));
        String big = "SELECT * WHERE { VALUES ?x { " + values + " } }";
        assertEquals(200, postQuery(big).statusCode());
        int n = 2000;
        assertEquals(400, postQuery("SELECT * WHERE " + repeat("{ SELECT * WHERE ", n) + "{ ?s ?p ?o }" + repeat(" }", n)).statusCode());

        Path log = stateDir.resolve("log").resolve(ServeLogging.LOG_FILE);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String withQuery = lines.stream().filter(l -> l.contains(marker)).findFirst().orElseThrow(
                () -> new AssertionError("the big query was not logged at all"));
        assertTrue(withQuery.length() < 2048 + 200, "a log line of " + withQuery.length() + " characters");
        assertTrue(withQuery.contains("the query has " + big.length() + " characters"), withQuery);
        assertFalse(lines.stream().anyMatch(l -> l.contains("StackOverflowError") || l.startsWith("\tat ")),
                "a stack trace in the log for a client's bad query");
    }

    // ---- 5: SERVICE everywhere

    @Test
    void aDisallowedServiceIsRefusedWhereverItSits() {
        String service = "SERVICE <" + DISALLOWED + "> { ?s ?p ?o }";
        for (String q : List.of(
                "SELECT * { ?s ?p ?o FILTER EXISTS { " + service + " } } LIMIT 1",
                "SELECT * { ?s ?p ?o FILTER NOT EXISTS { " + service + " } } LIMIT 1",
                "SELECT * { ?s ?p ?o OPTIONAL { " + service + " } } LIMIT 1",
                "SELECT * { { SELECT * { " + service + " } } } LIMIT 1",
                "SELECT (EXISTS { " + service + " } AS ?e) { }",
                "SELECT * { BIND(<" + DISALLOWED + "> AS ?e) FILTER EXISTS { SERVICE ?e { ?s ?p ?o } } }")) {
            HttpResponse<String> r = postQuery(q);
            assertEquals(422, r.statusCode(), q + "\n" + r.body());
            assertTrue(r.body().contains("refused"), r.body());
        }
    }

    // ---- 6: headers

    @Test
    void everyResponseSaysNoSniff() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(ServeFixture.get(ServeFixture.query(server, "kg/sparql", "ASK {}", null), null));   // 200
        responses.add(postQuery("SELECT * WHERE {"));                                                    // 400
        responses.add(ServeFixture.get(server.baseUrl().resolve("no-such-page"), null));                 // 404
        responses.add(sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg/update"))            // 401
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString("CLEAR ALL")).build()));
        responses.add(tooLargeBody());                                                                   // 413
        responses.add(ServeFixture.get(ServeFixture.query(server, "kg/sparql", "ASK {} #" + "x".repeat(100_000), null), null)); // 414
        responses.add(ServeFixture.get(server.baseUrl(), null));                                          // the UI
        for (HttpResponse<String> r : responses)
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null),
                    r.statusCode() + " " + r.uri() + " " + r.headers().map());
        assertEquals(List.of(200, 400, 404, 401, 413, 414, 200), responses.stream().map(HttpResponse::statusCode).toList());
    }

    @Test
    void crossOriginQueriesMayReadTheAnswerWithoutCredentials() {
        HttpResponse<String> get = sendFresh(HttpRequest.newBuilder(ServeFixture.query(server, "kg/sparql", "ASK {}", null))
                .header("Origin", "http://notebook.example").GET().build());
        assertEquals(200, get.statusCode());
        assertEquals("*", get.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(get.headers().firstValue("Access-Control-Allow-Credentials").isEmpty());

        HttpResponse<String> post = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg/sparql"))
                .header("Origin", "http://notebook.example").header("Content-Type", "application/sparql-query")
                .POST(HttpRequest.BodyPublishers.ofString("ASK {}")).build());
        assertEquals(200, post.statusCode());
        assertEquals("*", post.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

        HttpResponse<String> preflight = preflight("kg/sparql", "POST");
        assertEquals(204, preflight.statusCode());
        assertEquals("*", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));

        HttpResponse<String> gsp = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg/get?default"))
                .header("Origin", "http://notebook.example").GET().build());
        assertEquals("*", gsp.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void writeEndpointsNeverGetCors() {
        for (String path : List.of("kg/update", "kg/data")) {
            for (String method : List.of("POST", "PUT", "DELETE"))
                assertNull(preflight(path, method).headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                        path + " " + method);
            HttpResponse<String> r = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve(path))
                    .header("Origin", "http://notebook.example").header("Authorization", basic(USER, PASSWORD))
                    .header("Content-Type", "application/sparql-update")
                    .POST(HttpRequest.BodyPublishers.ofString("CLEAR ALL")).build());
            assertNull(r.headers().firstValue("Access-Control-Allow-Origin").orElse(null), path);
            assertEquals(403, r.statusCode(), path + ": a cross-site write with credentials must be refused");
        }
        // An update sent to the dataset URL is a write too.
        HttpResponse<String> onDataset = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg"))
                .header("Origin", "http://notebook.example").header("Authorization", basic(USER, PASSWORD))
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString("CLEAR ALL")).build());
        assertNull(onDataset.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(403, onDataset.statusCode());
        assertEquals(TRIPLES, ServeFixture.count(server, "?s ?p ?o"), "a refused write changed the data");
    }

    private static HttpResponse<String> preflight(String path, String method) {
        return sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve(path))
                .header("Origin", "http://notebook.example")
                .header("Access-Control-Request-Method", method)
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    }

    // ---- updates on the dataset URL (the SPARQL protocol's single endpoint)

    @Test
    void anUpdateOnTheDatasetUrlNeedsALogin() {
        String insert = "INSERT DATA { GRAPH <" + GRAPHS[0] + "> { <urn:x:s> <urn:x:p> \"dataset-url\" } }";
        HttpResponse<String> anonymous = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg"))
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString(insert)).build());
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> form = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("update=" + java.net.URLEncoder.encode(insert, StandardCharsets.UTF_8))).build());
        assertEquals(401, form.statusCode());
        assertFalse(ask(server, "?s ?p \"dataset-url\""), "an anonymous update went through");
        // Queries there stay anonymous.
        assertEquals(200, sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg"))
                .header("Content-Type", "application/sparql-query")
                .POST(HttpRequest.BodyPublishers.ofString("ASK {}")).build()).statusCode());
    }

    @Test
    void aProtocolDatasetAndUsingInTheUpdateIs400() {
        HttpResponse<String> r = sendFresh(HttpRequest.newBuilder(
                        server.baseUrl().resolve("kg/update?using-named-graph-uri=" + java.net.URLEncoder.encode(GRAPHS[0], StandardCharsets.UTF_8)))
                .header("Authorization", basic(USER, PASSWORD))
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString("WITH <" + GRAPHS[1] + "> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")).build());
        assertOneLine400(r);
        assertEquals(TRIPLES, ServeFixture.count(server, "?s ?p ?o"));
    }

    /**
     * A 2 MiB query body against the body limit. The server answers 413 and closes without reading
     * the rest; when that close reaches the client while it is still writing, the client reads no
     * answer at all. That is a race of the transport, not of the server, so the request is sent
     * again (at most three times) until the answer is read.
     */
    private HttpResponse<String> tooLargeBody() {
        java.io.UncheckedIOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg/sparql"))
                        .header("Content-Type", "application/sparql-query")
                        .POST(HttpRequest.BodyPublishers.ofString("#" + "x".repeat(2 * 1024 * 1024))).build());
            } catch (java.io.UncheckedIOException e) {
                last = e;
            }
        }
        throw last;
    }

    // ---- 7: the Graph Store's default graph

    @Test
    void theGraphStoreDefaultGraphIsTheUnionSparqlSees() {
        HttpResponse<String> r = ServeFixture.get(server.baseUrl().resolve("kg/get?default"), "application/n-triples");
        assertEquals(200, r.statusCode(), r.body());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(r.body())).lang(Lang.NTRIPLES).parse(m);
        assertEquals(TRIPLES, m.size(), "kg/get?default is not the union of the named graphs");
        // With no parameter the Graph Store answers with the whole dataset, every quad in its graph.
        HttpResponse<String> all = ServeFixture.get(server.baseUrl().resolve("kg/get"), "application/n-quads");
        assertEquals(200, all.statusCode(), all.body());
        org.apache.jena.sparql.core.DatasetGraph dsg = org.apache.jena.sparql.core.DatasetGraphFactory.createTxnMem();
        RDFParser.create().source(new StringReader(all.body())).lang(Lang.NQUADS).parse(dsg);
        assertEquals(TRIPLES, dsg.stream().count(), "kg/get is not the whole dataset");
        HttpResponse<String> one = ServeFixture.get(server.baseUrl().resolve("kg/get?graph="
                + java.net.URLEncoder.encode(GRAPHS[0], StandardCharsets.UTF_8)), "application/n-triples");
        assertEquals(ServeFixture.PER_GRAPH, one.body().strip().lines().count());
    }

    // ---- 3: slow clients

    @Test
    void slowHeadersAreCutOffWhileRealClientsAreServed() throws Exception {
        int slow = 50;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < slow; i++) {
                Socket s = new Socket(server.baseUrl().getHost(), server.port());
                s.setSoTimeout((int) HEADER_TIMEOUT.multipliedBy(5).toMillis());
                OutputStream out = s.getOutputStream();
                out.write("GET /kg/sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                sockets.add(s);
            }
            // Real clients are answered while the slow ones hold their connections.
            for (int i = 0; i < 5; i++) assertTrue(ask(server, "?s ?p ?o"));
            // The slow ones keep trickling a header line each second; the server closes them anyway.
            long deadline = System.nanoTime() + HEADER_TIMEOUT.multipliedBy(5).toNanos();
            int closed = 0;
            for (Socket s : sockets) {
                if (closedByServer(s, deadline)) closed++;
            }
            assertEquals(slow, closed, "connections with unfinished headers still open after "
                    + HEADER_TIMEOUT.multipliedBy(5));
            assertTrue(ask(server, "?s ?p ?o"));
        } finally {
            for (Socket s : sockets) s.close();
        }
    }

    /** Sends a header line now and then until the server closes the connection or the deadline passes. */
    private static boolean closedByServer(Socket s, long deadlineNanos) throws IOException {
        InputStream in = s.getInputStream();
        s.setSoTimeout(500);
        while (System.nanoTime() < deadlineNanos) {
            try {
                int b = in.read();
                if (b < 0) return true;   // closed (an error response may come first: read on)
            } catch (SocketTimeoutException e) {
                try {
                    s.getOutputStream().write("X-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException gone) {
                    return true;
                }
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
