package org.geokg.serve;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code kg serve} as a separate process (TDB2 allows one process per database), for tests. */
public final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final int port;

    private ServerProcess(Process process, Path stderr, int port) {
        this.process = process;
        this.stderr = stderr;
        this.port = port;
    }

    /**
     * Starts {@code kg serve ARGS} for the project at {@code home} with state directory
     * {@code state}, and waits (at most 120 s) until it says it is ready.
     */
    public static ServerProcess start(Path home, Path state, Path logDir, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-cp", cp, "-Dkg.home=" + home,
                "-Dkg.state=" + state, "-Dkg.serve.poll=500", ServeMain.class.getName()));
        cmd.addAll(List.of(args));
        Files.createDirectories(logDir);
        Path err = Files.createTempFile(logDir, "serve-", ".stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(logDir.toFile()).redirectError(err.toFile());
        pb.environment().remove("FUSEKI_BASE");
        Process p = pb.start();
        List<String> out = new ArrayList<>();
        BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while ((line = stdout.readLine()) != null) {
            out.add(line);
            if (line.startsWith("Press Ctrl-C") || System.nanoTime() > deadline) break;
        }
        String printed = String.join("\n", out);
        Matcher m = Pattern.compile("http://localhost:(\\d+)/kg/sparql").matcher(printed);
        if (!printed.contains("Press Ctrl-C") || !m.find()) {
            p.destroyForcibly();
            throw new IllegalStateException("kg serve did not start; stdout:\n" + printed + "\nstderr:\n" + Files.readString(err));
        }
        // Keep reading stdout so the server never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (stdout.readLine() != null) { /* discard */ }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "serve-stdout");
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(p, err, Integer.parseInt(m.group(1)));
    }

    public int port() { return port; }

    public long pid() { return process.pid(); }

    public String stderr() throws IOException { return Files.readString(stderr); }

    /** SIGKILL: the process dies at once, in the middle of whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the process to stop. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
