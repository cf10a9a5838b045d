package org.geokg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.geokg.TestProject;
import org.geokg.cli.Main;
import org.geokg.load.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two read replicas ({@code kg serve --replica}, separate processes on their own ports) behind
 * Debian's nginx with the repository's configuration ({@code deploy/nginx/geokg-replicas.conf},
 * only its ports and nothing else changed). While clients query through nginx, a new generation
 * is loaded and published to both replicas, then one replica is killed (SIGKILL) and restarted.
 * The clients see no failed request, and afterwards both replicas serve the new data.
 */
class ReplicasBehindNginxTest {
    static final String LABEL_QUERY = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + "SELECT ?l { <https://w3id.org/geokg/resource/atlantis> rdfs:label ?l }";
    static final String OLD = "l\r\nAtlantis\r\n", NEW = "l\r\nNew Atlantis\r\n";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir Path tmp;

    static Optional<Path> nginx() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "nginx");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static HttpResponse<String> query(int port, String accept) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/kg/sparql?query=" + URLEncoder.encode(LABEL_QUERY, StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int publish(TestProject project, Path... replicas) {
        List<String> args = new ArrayList<>(List.of("publish"));
        for (Path r : replicas) args.add(r.toString());
        String home = System.getProperty("kg.home"), state = System.getProperty("kg.state");
        System.setProperty("kg.home", project.layout.home().toString());
        System.setProperty("kg.state", project.layout.state().toString());
        try {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int rc = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
            System.out.print(out);
            System.err.print(err);
            return rc;
        } finally {
            if (home == null) System.clearProperty("kg.home"); else System.setProperty("kg.home", home);
            if (state == null) System.clearProperty("kg.state"); else System.setProperty("kg.state", state);
        }
    }

    @Test
    void publishingAndKillingAReplicaFailsNoRequest() throws Exception {
        Optional<Path> nginx = nginx();
        assumeTrue(nginx.isPresent(), "nginx is not installed here (.ci/run installs Debian's nginx); skipping the replica test");

        TestProject project = TestProject.fixture(tmp.resolve("p"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Loader.load(project.layout, project.layout.defaultDb(), quiet);
        Path r1 = project.layout.state().resolve("replicas/1/kg"), r2 = project.layout.state().resolve("replicas/2/kg");
        assertEquals(0, publish(project, r1, r2), "first publish, before the replicas run");

        int front = freePort(), p1 = freePort(), p2 = freePort();
        Path home = project.layout.home(), state = project.layout.state(), logs = tmp.resolve("logs");
        ServerProcess[] replica = {
                ServerProcess.start(home, state, logs, "--replica", "--db", r1.toString(), "--port", "" + p1),
                ServerProcess.start(home, state, logs, "--replica", "--db", r2.toString(), "--port", "" + p2) };
        Process proxy = null;
        try {
            // The repository's configuration, with this test's ports; nginx's files under its own prefix.
            Path prefix = Files.createDirectories(tmp.resolve("nginx"));
            Files.createDirectories(prefix.resolve("logs"));
            Files.createDirectories(prefix.resolve("temp"));
            String conf = Files.readString(TestProject.realHome().resolve("deploy/nginx/geokg-replicas.conf"))
                    .replace("127.0.0.1:3030", "127.0.0.1:" + front)
                    .replace("127.0.0.1:3031", "127.0.0.1:" + p1)
                    .replace("127.0.0.1:3032", "127.0.0.1:" + p2);
            Path confFile = Files.writeString(prefix.resolve("geokg-replicas.conf"), conf);
            // Runs as the current user; only root has to say so (nginx would switch its workers to nobody).
            String globals = "daemon off;" + ("root".equals(System.getProperty("user.name")) ? " user root;" : "");
            proxy = new ProcessBuilder(nginx.get().toString(), "-p", prefix.toString(), "-e", "logs/error.log",
                    "-c", confFile.toString(), "-g", globals)
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.txt").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean up = false;
            while (!up && System.nanoTime() < deadline) {
                try {
                    up = query(front, "text/csv").statusCode() == 200;
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertTrue(up, "nginx did not come up: " + Files.readString(prefix.resolve("logs/error.log")));

            // Clients: a bounded loop of queries through nginx, GET and POST, counting failures.
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger ok = new AtomicInteger();
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            AtomicInteger newAnswers = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                boolean post = c == 1;
                Thread t = new Thread(() -> {
                    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                    while (!stop.get() && System.nanoTime() < end) {
                        try {
                            HttpResponse<String> r = post
                                    ? HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front + "/kg/sparql"))
                                            .header("Content-Type", "application/sparql-query").header("Accept", "text/csv")
                                            .timeout(Duration.ofSeconds(30))
                                            .POST(HttpRequest.BodyPublishers.ofString(LABEL_QUERY)).build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    : query(front, "text/csv");
                            if (r.statusCode() == 200 && (r.body().equals(OLD) || r.body().equals(NEW))) {
                                ok.incrementAndGet();
                                if (r.body().equals(NEW)) newAnswers.incrementAndGet();
                            } else {
                                failures.merge(r.statusCode() + " " + r.body().strip(), 1, Integer::sum);
                            }
                        } catch (Exception e) {
                            failures.merge(e.toString(), 1, Integer::sum);
                        }
                    }
                }, "client-" + c);
                t.start();
                clients.add(t);
            }
            Thread.sleep(1500);

            // A new generation, built once, published to both replicas one after the other.
            project.write("entities.csv", project.read("entities.csv").replace("atlantis,State,Atlantis,", "atlantis,State,New Atlantis,"));
            Loader.load(project.layout, project.layout.defaultDb(), quiet);
            assertEquals(0, publish(project, r1, r2), "publishing the new generation");

            // One replica dies mid-traffic, and comes back.
            replica[0].kill();
            Thread.sleep(3000);
            replica[0] = ServerProcess.start(home, state, logs, "--replica", "--db", r1.toString(), "--port", "" + p1);
            Thread.sleep(3000);
            stop.set(true);
            for (Thread t : clients) t.join(60_000);

            System.out.printf("through nginx: %d answers (%d from the new generation), failures %s%n", ok.get(), newAnswers.get(), failures);
            assertEquals(Map.of(), failures, "failed requests (of " + (ok.get() + failures.size()) + ")");
            assertTrue(ok.get() > 50, "too few requests went through: " + ok.get());
            assertTrue(newAnswers.get() > 0, "no client saw the new generation");
            // Both replicas, asked directly, serve the new data.
            assertEquals(NEW, query(p1, "text/csv").body());
            assertEquals(NEW, query(p2, "text/csv").body());
        } finally {
            if (proxy != null) {
                proxy.destroy();   // SIGTERM: nginx's fast shutdown
                if (!proxy.waitFor(20, TimeUnit.SECONDS)) proxy.destroyForcibly();
            }
            for (ServerProcess r : replica) r.close();
        }
    }
}
