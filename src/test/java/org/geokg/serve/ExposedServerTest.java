package org.geokg.serve;

import static org.geokg.serve.ServeFixture.TRIPLES;
import static org.geokg.serve.ServeFixture.get;
import static org.geokg.serve.ServeFixture.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --host 0.0.0.0}: SPARQL answers on every interface, the admin area still only to localhost. */
class ExposedServerTest {
    @TempDir static Path tmp;
    static KgServer server;
    static Optional<InetAddress> external;

    @BeforeAll
    static void start() throws IOException {
        external = KgServerTest.nonLoopbackAddress();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        Path db = ServeFixture.buildDatabase(tmp.resolve("db"));
        server = KgServer.start(ServeFixture.settings(db, tmp.resolve("state")).withHost(ServeSettings.ALL_INTERFACES));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static URI viaExternal(String path) {
        return URI.create("http://" + external.orElseThrow().getHostAddress() + ":" + server.port() + "/" + path);
    }

    @Test
    void sparqlAnswersOnTheExternalAddress() {
        HttpResponse<String> r = get(viaExternal("kg/sparql?format=csv&query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%3Fs%20%3Fp%20%3Fo%7D"), null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("n\r\n" + TRIPLES + "\r\n", r.body());
        assertEquals(200, get(viaExternal(""), "text/html").statusCode());
    }

    @Test
    void adminAreaRefusesNonLocalClients() {
        for (String path : new String[] { "$/server", "$/datasets", "$/ping", "$/stats/kg", "$/tasks" }) {
            HttpResponse<String> r = get(viaExternal(path), "application/json");
            assertEquals(403, r.statusCode(), path + ": " + r.body());
        }
        HttpResponse<String> local = get(server.baseUrl().resolve("$/server"), "application/json");
        assertEquals(200, local.statusCode());
        assertTrue(local.body().contains("/kg"), local.body());
        assertEquals(200, get(query(server, "kg/sparql", "ASK {}", null), null).statusCode());
    }

    @Test
    void readyMessageSaysItIsExposed() {
        String msg = String.join("\n", server.readyMessage());
        assertTrue(msg.contains("all interfaces"), msg);
        assertTrue(server.urls().get("UI").getPort() == server.port());
    }
}
