package org.geokg.serve;

import static org.geokg.serve.ServeFixture.EX;
import static org.geokg.serve.ServeFixture.TRIPLES;
import static org.geokg.serve.ServeFixture.ask;
import static org.geokg.serve.ServeFixture.basic;
import static org.geokg.serve.ServeFixture.count;
import static org.geokg.serve.ServeFixture.sendFresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server with {@code --update --passwd FILE} and a small body limit: writes need a login,
 * reads stay anonymous, and bodies over the limit are refused before they are processed.
 */
class UpdateAndBodyLimitTest {
    static final int LIMIT = 4096;
    static final String USER = "alice";
    static final String PASSWORD = "test-only-" + Long.toHexString(System.nanoTime());

    @TempDir static Path tmp;
    static KgServer server;
    static Path stateDir;

    @BeforeAll
    static void start() throws IOException {
        Path db = ServeFixture.buildDatabase(tmp.resolve("db"));
        Path passwd = Files.writeString(tmp.resolve("passwd"), "# operator's own file\n" + USER + ": " + PASSWORD + "\n");
        stateDir = tmp.resolve("state");
        server = KgServer.start(ServeFixture.settings(db, stateDir).withMaxBodyBytes(LIMIT).withUpdate(passwd));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static URI update() { return server.baseUrl().resolve("kg/update"); }

    private static HttpRequest.Builder updateRequest(String sparqlUpdate) {
        return HttpRequest.newBuilder(update()).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString(sparqlUpdate));
    }

    private static String insert(String name) {
        return "INSERT DATA { GRAPH <" + EX + "graph/new> { <" + EX + name + "> <" + EX + "p> \"" + name + "\" } }";
    }

    private static String triple(String name) {
        return "GRAPH <" + EX + "graph/new> { <" + EX + name + "> <" + EX + "p> \"" + name + "\" }";
    }

    @Test
    void readsStayAnonymous() {
        assertTrue(count(server, "?s ?p ?o") >= TRIPLES);
        HttpResponse<String> ui = ServeFixture.get(server.baseUrl(), "text/html");
        assertEquals(200, ui.statusCode());
    }

    @Test
    void updateWithoutLoginIs401AndChangesNothing() {
        HttpResponse<String> r = sendFresh(updateRequest(insert("anon")).build());
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), r.headers().toString());
        HttpResponse<String> wrong = sendFresh(updateRequest(insert("anon")).header("Authorization", basic(USER, "wrong")).build());
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> gsp = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg/data?default"))
                .header("Content-Type", "text/turtle")
                .PUT(HttpRequest.BodyPublishers.ofString("<" + EX + "anon> <" + EX + "p> \"anon\" .")).build());
        assertEquals(401, gsp.statusCode());
        assertFalse(ask(server, "<" + EX + "anon> ?p ?o"));
    }

    @Test
    void updateWithLoginWorks() {
        assertFalse(ask(server, triple("byAlice")));
        HttpResponse<String> r = sendFresh(updateRequest(insert("byAlice")).header("Authorization", basic(USER, PASSWORD)).build());
        assertTrue(r.statusCode() == 200 || r.statusCode() == 204, r.statusCode() + " " + r.body());
        assertTrue(ask(server, triple("byAlice")));
    }

    @Test
    void crossSiteWritesAreRefusedEvenWithCredentials() {
        String name = "csrf" + System.nanoTime();
        HttpResponse<String> r = sendFresh(updateRequest(insert(name)).header("Authorization", basic(USER, PASSWORD))
                .header("Origin", "http://evil.example").build());
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(ask(server, triple(name)));
        // The UI, served from this server, is same-origin.
        HttpResponse<String> ok = sendFresh(updateRequest(insert(name)).header("Authorization", basic(USER, PASSWORD))
                .header("Origin", "http://127.0.0.1:" + server.port()).build());
        assertTrue(ok.statusCode() == 200 || ok.statusCode() == 204, ok.statusCode() + " " + ok.body());
        assertTrue(ask(server, triple(name)));
    }

    @Test
    void graphStoreWriteWithLoginWorks() {
        String graph = EX + "graph/gsp";
        HttpResponse<String> r = sendFresh(HttpRequest.newBuilder(
                        server.baseUrl().resolve("kg/data?graph=" + URLEncoder.encode(graph, StandardCharsets.UTF_8)))
                .header("Content-Type", "text/turtle").header("Authorization", basic(USER, PASSWORD))
                .PUT(HttpRequest.BodyPublishers.ofString("<" + EX + "g1> <" + EX + "p> 1 . <" + EX + "g2> <" + EX + "p> 2 .")).build());
        assertTrue(r.statusCode() == 201 || r.statusCode() == 204 || r.statusCode() == 200, r.statusCode() + " " + r.body());
        assertEquals(2, count(server, "GRAPH <" + graph + "> { ?s ?p ?o }"));
    }

    @Test
    void readyMessageNamesTheWriteEndpoints() {
        String msg = String.join("\n", server.readyMessage());
        assertTrue(msg.contains("http://localhost:" + server.port() + "/kg/update"), msg);
        assertTrue(msg.contains("http://localhost:" + server.port() + "/kg/data"), msg);
    }

    // ---- 413

    /** Appears only in the padding of the bodies: must never reach the log. */
    static final String PADDING_MARKER = "padding" + Long.toHexString(System.nanoTime());

    /** An update that would insert {@code name}, padded with a comment to {@code size} bytes. */
    private static byte[] paddedInsert(String name, int size) {
        String head = insert(name) + "\n# " + PADDING_MARKER + " ";
        return (head + "p".repeat(Math.max(0, size - head.length()))).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oversizedBodyWithContentLengthIs413AndNotProcessed() throws IOException {
        String name = "tooBig" + System.nanoTime();
        byte[] body = paddedInsert(name, 4 * LIMIT);
        HttpResponse<String> r = sendFresh(HttpRequest.newBuilder(update())
                .header("Content-Type", "application/sparql-update").header("Authorization", basic(USER, PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("limit is " + LIMIT), r.body());
        assertFalse(ask(server, triple(name)), "the oversized update was executed");
        assertFalse(Files.readString(logFile()).contains(PADDING_MARKER), "the oversized body was logged");
    }

    @Test
    void oversizedChunkedBodyIs413AndNotProcessed() throws IOException {
        String name = "tooBigChunked" + System.nanoTime();
        byte[] body = paddedInsert(name, 4 * LIMIT);
        HttpResponse<String> r = sendFresh(HttpRequest.newBuilder(update())
                .header("Content-Type", "application/sparql-update").header("Authorization", basic(USER, PASSWORD))
                // A publisher of unknown length: sent with Transfer-Encoding: chunked, no Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertEquals(413, r.statusCode(), r.body());
        assertFalse(ask(server, triple(name)), "the oversized update was executed");
        assertFalse(Files.readString(logFile()).contains(PADDING_MARKER), "the oversized body was logged");
    }

    @Test
    void bodiesUpToTheLimitAreProcessedWhetherChunkedOrNot() {
        String a = "atLimit" + System.nanoTime();
        HttpResponse<String> r1 = sendFresh(HttpRequest.newBuilder(update())
                .header("Content-Type", "application/sparql-update").header("Authorization", basic(USER, PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(paddedInsert(a, LIMIT))).build());
        assertTrue(r1.statusCode() == 200 || r1.statusCode() == 204, r1.statusCode() + " " + r1.body());
        assertTrue(ask(server, triple(a)));

        String b = "chunked" + System.nanoTime();
        byte[] body = paddedInsert(b, LIMIT);
        HttpResponse<String> r2 = sendFresh(HttpRequest.newBuilder(update())
                .header("Content-Type", "application/sparql-update").header("Authorization", basic(USER, PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertTrue(r2.statusCode() == 200 || r2.statusCode() == 204, r2.statusCode() + " " + r2.body());
        assertTrue(ask(server, triple(b)));
    }

    @Test
    void chunkedFormQueryIsPassedOnWithItsParameters() {
        String form = "query=" + URLEncoder.encode("SELECT (COUNT(*) AS ?n) { GRAPH <" + ServeFixture.GRAPHS[0] + "> { ?s ?p ?o } }",
                StandardCharsets.UTF_8);
        byte[] body = form.getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> r = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg/sparql?format=csv"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("n\r\n" + ServeFixture.PER_GRAPH + "\r\n", r.body());
    }

    @Test
    void oversizedFormQueryIs413() {
        String form = "query=" + URLEncoder.encode("SELECT * { ?s ?p ?o } #" + "q".repeat(2 * LIMIT), StandardCharsets.UTF_8);
        HttpResponse<String> r = sendFresh(HttpRequest.newBuilder(server.baseUrl().resolve("kg/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(413, r.statusCode(), r.body());
    }

    private static Path logFile() {
        return stateDir.resolve("log").resolve(ServeLogging.LOG_FILE);
    }
}
