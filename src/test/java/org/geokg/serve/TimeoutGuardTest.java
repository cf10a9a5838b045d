package org.geokg.serve;

import static org.geokg.serve.ServeFixture.HTTP;
import static org.geokg.serve.ServeFixture.TRIPLES;
import static org.geokg.serve.ServeFixture.get;
import static org.geokg.serve.ServeFixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries that run into the timeout never look like complete answers: within the response buffer
 * they become 503; beyond it (streaming) the connection is aborted so the body is visibly cut off.
 * Two servers with a 1 s query timeout (config.ttl says 30 s; the setting overrides it): one with
 * the default buffer, one with a tiny buffer so that results stream almost at once.
 */
class TimeoutGuardTest {
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final int SMALL_BUFFER = 8 * 1024;
    /** 60^4 = 13 million rows, produced fast: a streaming result that runs into the timeout. */
    static final String CROSS_JOIN = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    /** The same join with a filter no row passes: slow to produce anything, so nothing but the header is written. */
    static final String SLOW_NOTHING = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
            + "FILTER(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l)) = \"no such thing\") }";

    @TempDir static Path tmp;
    static KgServer buffered;
    static KgServer streaming;

    @BeforeAll
    static void start() {
        Path db1 = ServeFixture.buildDatabase(tmp.resolve("db1"));
        Path db2 = ServeFixture.buildDatabase(tmp.resolve("db2"));
        buffered = KgServer.start(ServeFixture.settings(db1, tmp.resolve("state1")).withQueryTimeout(TIMEOUT));
        streaming = KgServer.start(ServeFixture.settings(db2, tmp.resolve("state2")).withQueryTimeout(TIMEOUT)
                .withResponseBufferBytes(SMALL_BUFFER));
    }

    @AfterAll
    static void stop() {
        if (buffered != null) buffered.close();
        if (streaming != null) streaming.close();
    }

    @Test
    void timeoutWithinTheBufferIs503WithoutPartialResults() {
        for (String accept : new String[] { "application/sparql-results+json", "text/csv" }) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(query(buffered, "kg/sparql", SLOW_NOTHING, null), accept);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(503, r.statusCode(), accept + ": " + r.body());
            assertEquals("Query timed out", r.body().strip());
            assertFalse(r.body().contains("head") || r.body().contains("bindings"), r.body());
            assertTrue(ms >= 900 && ms < 15_000, "took " + ms + " ms with a 1 s timeout");
        }
    }

    @Test
    void timeoutAfterSomeResultsWithinTheBufferIs503WithoutThem() {
        // One row passes the filter early on; then nothing for the rest of the 13 million.
        String oneRowThenNothing = "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
                + "FILTER(CONCAT(STR(?c), STR(?f), STR(?i), STR(?l)) = \"thing a0thing a0thing a0thing a0\") }";
        for (String accept : new String[] { "application/sparql-results+json", "text/csv", "text/tab-separated-values" }) {
            HttpResponse<String> r = get(query(buffered, "kg/sparql", oneRowThenNothing, null), accept);
            assertEquals(503, r.statusCode(), accept + ": " + r.body());
            assertEquals("Query timed out", r.body().strip(), accept);
        }
    }

    @Test
    void timeoutAfterStreamingStartedAbortsTheResponse() throws Exception {
        for (String accept : new String[] { "application/sparql-results+json", "text/csv" }) {
            Received got = streamCrossJoin(accept);
            assertNotNull(got.failure, accept + ": the body of a timed-out streaming query ended normally after "
                    + got.bytes.length + " bytes: a client cannot tell it is incomplete");
            assertTrue(got.bytes.length > SMALL_BUFFER, "only " + got.bytes.length + " bytes arrived");
            String text = new String(got.bytes, StandardCharsets.UTF_8);
            assertFalse(text.contains("Query timed out") || text.contains("Query cancelled"), "Fuseki's trailer got through");
            assertTrue(got.millis < 30_000, "took " + got.millis + " ms with a 1 s timeout");
            if (accept.equals("text/csv")) {
                assertTrue(text.startsWith("a,b,c,d,e,f,g,h,i,j,k,l\r\n"), text.substring(0, Math.min(100, text.length())));
            } else {
                assertTrue(text.startsWith("{"), text.substring(0, Math.min(100, text.length())));
                // Not a complete result document: a JSON parser runs into its end.
                assertThrows(RuntimeException.class, () -> ResultSetFormatter.consume(
                        ResultSetFactory.fromJSON(new ByteArrayInputStream(got.bytes))));
            }
        }
        // The server is fine afterwards.
        assertEquals(TRIPLES, ServeFixture.count(streaming, "?s ?p ?o"));
    }

    private record Received(byte[] bytes, IOException failure, long millis) {}

    private static Received streamCrossJoin(String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(query(streaming, "kg/sparql", CROSS_JOIN, null))
                .header("Accept", accept).timeout(Duration.ofSeconds(60)).build();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            r.body().close();
            fail(accept + ": expected the streaming path (200, then cut off), got " + r.statusCode()
                    + "; the result should outgrow the " + SMALL_BUFFER + " byte buffer within 1 s");
        }
        assertTrue(r.headers().firstValue("Content-Length").isEmpty(), "a streamed answer has no length");
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        IOException failure = null;
        try (InputStream in = r.body()) {
            in.transferTo(received);
        } catch (IOException e) {
            failure = e;
        }
        return new Received(received.toByteArray(), failure, (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void largeResultsBeyondTheBufferStillArriveComplete() {
        // 1,000 rows (some 300 KB of JSON): far beyond the buffer, yet well inside the 1 s timeout
        // on a loaded machine (all 3,600 rows of the join did not always make it).
        HttpResponse<String> r = get(query(streaming, "kg/sparql", "SELECT * { ?a ?b ?c . ?d ?e ?f } LIMIT 1000", null),
                "application/sparql-results+json");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().length() > 10 * SMALL_BUFFER, "expected a big result, got " + r.body().length());
        assertTrue(r.headers().firstValue("Content-Length").isEmpty(), "expected a streamed (chunked) answer");
        ResultSet rs = ResultSetFactory.fromJSON(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        assertEquals(1000, ResultSetFormatter.consume(rs));
    }

    @Test
    void quickQueriesAreUnaffected() {
        assertEquals(TRIPLES, ServeFixture.count(buffered, "?s ?p ?o"));
        assertEquals(TRIPLES, ServeFixture.count(streaming, "?s ?p ?o"));
    }
}
