package org.geokg.bench;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.csv.CSVFormat;

/**
 * A SPARQL server in a process of its own (ours, or stock Fuseki on the same database), measured
 * over HTTP as a client sees it: the latency of each query and the requests per second at a
 * number of concurrent connections. Stopped by {@link #close()}, which first reads its peak RSS.
 */
public final class ServerUnderTest implements AutoCloseable {
    private final Process process;
    private final URI sparql;
    private final Path log;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(httpThreads).build();
    private long peakRss = -1;

    /** One query's latencies. */
    public record Timing(String name, long rows, long[] millis, String error) {
        public long p50() { return percentile(0.50); }
        public long p99() { return percentile(0.99); }

        /** Nearest rank: with 5 runs, p50 is the 3rd fastest and p99 the slowest. */
        private long percentile(double p) {
            if (millis.length == 0) return -1;
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }
    }

    private ServerUnderTest(Process process, URI sparql, Path log) {
        this.process = process;
        this.sparql = sparql;
        this.log = log;
    }

    /**
     * Starts {@code command} (which must listen on the port it is given through {@code %PORT%})
     * and waits until {@code readyPath} answers 200.
     */
    public static ServerUnderTest start(List<String> command, Path workDir, Map<String, String> env, String readyPath,
                                        Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = command.stream().map(a -> a.replace("%PORT%", Integer.toString(port))).toList();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        ServerUnderTest server = new ServerUnderTest(p, base.resolve("kg/sparql"), log);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive())
                throw new IOException("the server exited (" + p.exitValue() + "): " + tail(log));
            try {
                HttpResponse<Void> r = server.http.send(HttpRequest.newBuilder(base.resolve(readyPath))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return server;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        server.close();
        throw new IOException("the server did not become ready in 3 minutes: " + tail(log));
    }

    /** Runs {@code query} once unmeasured, then {@code runs} times; the answer's rows are counted. */
    public Timing time(String name, String query, int runs) throws InterruptedException {
        long rows;
        try {
            rows = rows(ask(query));
            long[] millis = new long[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                ask(query);
                millis[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            return new Timing(name, rows, millis, null);
        } catch (IOException e) {
            return new Timing(name, -1, new long[0], e.getMessage());
        }
    }

    /** Requests per second that {@code connections} clients, each sending {@code query} again as soon as answered, get. */
    public double throughput(String query, int connections, Duration during) throws InterruptedException {
        AtomicLong done = new AtomicLong(), failed = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
        long end = System.nanoTime() + during.toNanos();
        for (int i = 0; i < connections; i++)
            clients.submit(() -> {
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<byte[]> r = client.send(request(query), HttpResponse.BodyHandlers.ofByteArray());
                        (r.statusCode() == 200 ? done : failed).incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        clients.shutdown();
        clients.awaitTermination(during.toSeconds() + 60, TimeUnit.SECONDS);
        clientThreads.shutdownNow();
        if (failed.get() > 0 && done.get() == 0) return -1;
        return done.get() / (during.toNanos() / 1e9);
    }

    public long peakRss() {
        return process.isAlive() ? Memory.peakRss(process.pid()) : peakRss;
    }

    private String ask(String query) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(query), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200)
            throw new IOException("HTTP " + r.statusCode() + ": " + r.body().lines().findFirst().orElse(""));
        return r.body();
    }

    private HttpRequest request(String query) {
        return HttpRequest.newBuilder(sparql).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/sparql-query").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(query, StandardCharsets.UTF_8)).build();
    }

    private static long rows(String csv) throws IOException {
        if (csv.startsWith("_askResult") || csv.isBlank()) return csv.isBlank() ? 0 : 1;
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv)).getRecords().size();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(log));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) peakRss = Memory.peakRss(process.pid());
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpThreads.shutdownNow();
    }
}
