package org.geokg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.geokg.store.Generations;
import org.geokg.store.KgStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Serving never stops for new data: while clients query, a new generation is published under the
 * database link (what {@code kg load} does), and the running server switches to it within 5 s,
 * with no failed request and no answer that mixes the two generations; the old generation is
 * then released and removed.
 */
class LiveSwitchTest {
    static final String EX = ServeFixture.EX;
    /**
     * Full-text search, then the stored labels of what it found, in two named graphs. An answer
     * mixing generations (one generation's index with another's data, or graph a of one with
     * graph b of the other) is none of the expected ones.
     */
    static final String MARKERS = "PREFIX text: <http://jena.apache.org/text#> PREFIX rdfs: <" + RDFS.getURI() + ">\n"
            + "SELECT ?s ?l { ?s text:query (rdfs:label 'marker') ; rdfs:label ?l } ORDER BY ?s";

    @TempDir Path tmp;

    /** What {@link #MARKERS} answers (as CSV) on generation {@code n}. */
    static String markers(int n) {
        return "s,l\r\n" + EX + "s" + n + ",marker gen " + n + "\r\n" + EX + "t" + n + ",marker gen " + n + "\r\n";
    }

    /** Builds and publishes generation {@code n}: its markers in graphs a and b, and some other triples. */
    static Path publish(Generations gens, int n) {
        Path dir = gens.newGeneration();
        Dataset ds = KgStore.open(ServeFixture.configFile(), dir);
        DatasetGraph dsg = ds.asDatasetGraph();
        Txn.executeWrite(ds, () -> {
            Node a = NodeFactory.createURI(EX + "graph/a"), b = NodeFactory.createURI(EX + "graph/b");
            dsg.add(a, NodeFactory.createURI(EX + "s" + n), RDFS.label.asNode(), NodeFactory.createLiteralString("marker gen " + n));
            dsg.add(b, NodeFactory.createURI(EX + "t" + n), RDFS.label.asNode(), NodeFactory.createLiteralString("marker gen " + n));
            for (int i = 0; i < 50; i++)
                dsg.add(a, NodeFactory.createURI(EX + "x" + i), RDF.type.asNode(), NodeFactory.createURI(EX + "Gen" + n));
        });
        KgStore.close(ds);
        gens.publish(dir, "generation " + n + " of LiveSwitchTest");
        return dir;
    }

    record Answer(long receivedNanos, int status, String body) {}

    @Test
    void clientsQueryingThroughTheSwitchSeeNoErrorAndNoMixedAnswer() throws Exception {
        Path link = tmp.resolve("db").resolve("kg");
        Generations gens = new Generations(link);
        Path first = publish(gens, 1);
        try (KgServer server = KgServer.start(ServeFixture.settings(link, tmp.resolve("state")))) {
            URI query = server.baseUrl().resolve("kg/sparql?query=" + URLEncoder.encode(MARKERS, StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                Thread t = new Thread(() -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();   // bounded in any case
                    while (!stop.get() && System.nanoTime() < deadline) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(query).header("Accept", "text/csv")
                                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                            answers.add(new Answer(System.nanoTime(), r.statusCode(), r.body()));
                        } catch (Exception e) {
                            answers.add(new Answer(System.nanoTime(), -1, e.toString()));
                        }
                    }
                }, "client-" + c);
                t.start();
                clients.add(t);
            }
            Thread.sleep(1500);
            publish(gens, 2);
            long published = System.nanoTime();
            // Until the switch is seen, then 2 s more of queries against the new generation.
            long limit = published + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < limit && !server.generation().equals(gens.currentId().orElseThrow())) Thread.sleep(50);
            Thread.sleep(2000);
            stop.set(true);
            for (Thread t : clients) t.join(60_000);

            List<Answer> all;
            synchronized (answers) { all = new ArrayList<>(answers); }
            all.sort((x, y) -> Long.compare(x.receivedNanos, y.receivedNanos));
            assertTrue(all.size() > 20, "too few queries ran: " + all.size());
            long firstNew = -1;
            for (Answer a : all) {
                assertEquals(200, a.status, "a failed request: " + a.body);
                boolean old = a.body.equals(markers(1)), fresh = a.body.equals(markers(2));
                assertTrue(old || fresh, "an answer from neither generation alone:\n" + a.body);
                if (fresh && firstNew < 0) firstNew = a.receivedNanos;
            }
            assertTrue(firstNew > 0, "the server never served generation 2");
            double switchSeconds = (firstNew - published) / 1e9;
            assertTrue(switchSeconds < 5, "new data served " + switchSeconds + " s after the load finished");
            // Once a client has seen the new generation, only answers begun before the switch can be old.
            long settled = firstNew + Duration.ofSeconds(1).toNanos();
            long oldAfter = all.stream().filter(a -> a.receivedNanos > settled)
                    .filter(a -> a.body.equals(markers(1))).count();
            assertEquals(0, oldAfter, "old answers more than 1 s after the first new one");

            // The old generation is released (no lock held on it) and removed.
            long gone = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.exists(first) && System.nanoTime() < gone) Thread.sleep(50);
            assertFalse(Files.exists(first), "the old generation " + first + " was not removed");
            assertEquals(gens.current().orElseThrow().toRealPath(), server.database());
        }
    }

    @Test
    void readinessNamesTheGenerationThatAnsweredAndFollowsTheSwitch() throws Exception {
        Path link = tmp.resolve("db").resolve("kg");
        Generations gens = new Generations(link);
        publish(gens, 1);
        try (KgServer server = KgServer.start(ServeFixture.settings(link, tmp.resolve("state")))) {
            URI ready = server.baseUrl().resolve("ready");
            HttpResponse<String> r = ServeFixture.get(ready, null);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("\"generation\" : \"" + gens.currentId().orElseThrow() + "\""), r.body());
            publish(gens, 2);
            String second = gens.currentId().orElseThrow();
            long limit = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!ServeFixture.get(ready, null).body().contains(second) && System.nanoTime() < limit) Thread.sleep(100);
            assertTrue(ServeFixture.get(ready, null).body().contains(second), "readiness did not follow the switch");
        }
    }
}
