package org.geokg.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.geokg.serve.RunningServer;
import org.geokg.store.Generations;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kg publish}: makes the current generation of a database (built once by {@code kg load})
 * available to every read replica, one replica at a time. Each replica has its own database path
 * (TDB2 lets one process open a database); the generation is copied there as it is, under the
 * same name, and the replica's link is switched to it. A replica being served switches live; the
 * next replica is done only once this one answers from the new generation, so the others serve
 * throughout.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Copies the current database generation (built by 'kg load') to each read replica's database "
                + "path in turn, and waits until a running replica (kg serve --replica --db PATH) serves it before "
                + "going on to the next, so the replicas switch one at a time and the others keep serving.",
                "A replica that is not running serves the new generation when started."})
public final class PublishCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DatabaseOption database;

    @Parameters(arity = "1..*", paramLabel = "REPLICA_DB",
            description = "The replicas' database paths, e.g. var/replicas/1/kg var/replicas/2/kg.")
    List<Path> replicas;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for a running replica to serve the new generation (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Integer call() throws InterruptedException {
        Layout layout = Commands.layout();
        Path source = database.resolve(layout);
        Generations from = new Generations(source);
        Path generation = from.current().orElseThrow(() -> new UserError("no database at " + source + "; run 'kg load' first"));
        String id = from.id(generation);
        PrintWriter out = spec.commandLine().getOut();
        for (Path replica : replicas) {
            Path link = replica.toAbsolutePath().normalize();
            if (link.equals(from.link()))
                throw new UserError(replica + " is the database being published, not a replica of it");
            long t0 = System.nanoTime();
            Generations to = new Generations(link);
            try (AutoCloseable lock = to.lock()) {
                to.install(generation, id);
                to.pruneOld();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            Optional<RunningServer> server = RunningServer.find(link);
            if (server.isEmpty()) {
                out.printf("%s: generation %s installed; no replica is running there (it serves it when started)%n", replica, id);
            } else if (awaitServing(server.get().ready(), id)) {
                out.printf("%s: generation %s served by the replica (pid %d) after %.1f s%n", replica, id,
                        server.get().pid(), (System.nanoTime() - t0) / 1e9);
            } else {
                throw new UserError(replica + ": the replica (pid " + server.get().pid() + ") did not serve generation " + id
                        + " within " + waitSeconds + " s; the remaining replicas were left as they were");
            }
            out.flush();
        }
        return 0;
    }

    /** Polls the replica's readiness until it answers 200 from generation {@code id}. */
    private boolean awaitServing(URI ready, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        do {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().matches("(?s).*\"generation\"\\s*:\\s*\"" + java.util.regex.Pattern.quote(id) + "\".*")) return true;
            } catch (IOException notYet) {
                // restarting, or not listening yet
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return false;
    }
}
