package org.geokg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.geokg.TestProject;
import org.geokg.store.Generations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kg serve} as a real process: it prints the URLs when ready, serves, and on SIGTERM (what
 * Ctrl-C and {@code kill} send) stops the server and closes the database through its shutdown hook.
 * The database is built here beforehand and is up to date, so the command does not load.
 */
class ServeProcessTest {
    @TempDir Path tmp;

    @Test
    void printsUrlsServesAndStopsCleanlyOnSigterm() throws Exception {
        TestProject project = TestProject.fixture(tmp.resolve("project"));
        Path state = tmp.resolve("state");
        Generations gens = new Generations(state.resolve("db").resolve("kg"));
        Path gen = gens.newGeneration();
        ServeFixture.buildDatabase(gen);
        gens.publish(gen, "built by ServeProcessTest");
        Path cwd = Files.createDirectories(tmp.resolve("cwd"));

        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", cp, "-Dkg.home=" + project.layout.home(),
                ServeMain.class.getName(), "--port", "0", "--timeout", "5")
                .directory(cwd.toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile());
        pb.environment().put("KG_STATE", state.toString());
        pb.environment().remove("FUSEKI_BASE");
        Process p = pb.start();
        List<String> out = new ArrayList<>();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String line;
            while ((line = stdout.readLine()) != null) {
                out.add(line);
                if (line.startsWith("Press Ctrl-C") || System.nanoTime() > deadline) break;
            }
            String printed = String.join("\n", out);
            assertTrue(printed.contains("Press Ctrl-C to stop."), "not ready; stdout:\n" + printed + "\nstderr:\n" + stderr());
            assertFalse(printed.contains("loading"), "the up-to-date database was reloaded:\n" + printed);
            Matcher m = Pattern.compile("http://localhost:(\\d+)/kg/sparql").matcher(printed);
            assertTrue(m.find(), printed);
            int port = Integer.parseInt(m.group(1));
            assertTrue(printed.contains("http://localhost:" + port + "/\n") || printed.contains("http://localhost:" + port + "/ "),
                    printed);
            assertTrue(printed.contains("http://localhost:" + port + "/kg/get"), printed);

            URI sparql = URI.create("http://127.0.0.1:" + port + "/kg/sparql?format=csv&query="
                    + URLEncoder.encode("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", StandardCharsets.UTF_8));
            HttpResponse<String> r = ServeFixture.get(sparql, null);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("n\r\n" + ServeFixture.TRIPLES + "\r\n", r.body());

            p.destroy();   // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop within 30 s of SIGTERM");
            String err = stderr();
            assertTrue(err.contains("Stopping the server on port " + port), err);
            assertTrue(err.contains("Stop Fuseki"), err);
            assertFalse(err.contains("Exception"), err);
            try (Socket s = new Socket()) {
                assertThrows(ConnectException.class, () -> s.connect(new InetSocketAddress("127.0.0.1", port), 2000));
            }
            // The request log went to the state directory; no Fuseki run area anywhere.
            Path log = state.resolve("log").resolve(ServeLogging.LOG_FILE);
            assertTrue(Files.readString(log).contains("/kg/sparql"), "request not in " + log);
            assertEquals(List.of(), ServeFixture.find(tmp, "run", Set.of()));
            assertEquals(List.of(), ServeFixture.find(tmp, "shiro.ini", Set.of()));
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String stderr() throws IOException {
        Path f = tmp.resolve("stderr.txt");
        assertNotNull(f);
        return Files.exists(f) ? Files.readString(f) : "";
    }
}
