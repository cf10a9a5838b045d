package org.geokg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.geokg.load.LoadFailedException;
import org.geokg.load.Loader;
import org.geokg.serve.KgServer;
import org.geokg.serve.ServeException;
import org.geokg.serve.ServeSettings;
import org.geokg.store.Layout;
import org.geokg.store.StoreException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kg serve}: the knowledge graph over HTTP (SPARQL, Graph Store read, Fuseki UI). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the knowledge graph with Apache Jena Fuseki, as fuseki-config/config.ttl describes it: "
                + "SPARQL query at /kg/sparql (and /kg/query), read-only Graph Store at /kg/get, and the Fuseki UI at /.",
                "Loads the database first if it is missing or older than data/ or ontology/.",
                "Secure by default: this machine only (--host 0.0.0.0 exposes it), no writes unless "
                        + "--update --passwd FILE, every query has a timeout, request bodies are limited.",
                "Stop with Ctrl-C."})
public final class ServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServeSettings.DEFAULT_PORT,
            description = "TCP port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Mixin DatabaseOption database;

    @Mixin SourcesOption sources;

    @Mixin StrictOption strict;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = ServeSettings.LOOPBACK,
            description = "Interface to listen on. Default: ${DEFAULT-VALUE}, this machine only; "
                    + "0.0.0.0 exposes the server on all interfaces (the admin pages /$/ still answer to this machine only).")
    String host;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Every query is stopped after this many seconds (decimals allowed). Default: ${DEFAULT-VALUE}.")
    double timeoutSeconds;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "1MiB",
            description = "Largest request body accepted (e.g. 65536, 512KiB, 4MiB); larger ones get HTTP 413 "
                    + "before they are read. Default: ${DEFAULT-VALUE}.")
    String maxBody;

    @Option(names = "--update",
            description = "Also offer SPARQL Update at /kg/update and Graph Store writes at /kg/data, "
                    + "for the users of --passwd only (HTTP Basic). Reading stays open.")
    boolean update;

    @Option(names = "--passwd", paramLabel = "FILE",
            description = "Your password file for --update (Jetty format: one 'user: password' per line; "
                    + "MD5:/CRYPT: hashes allowed). None is shipped or generated.")
    Path passwd;

    @Option(names = "--replica",
            description = "Serve as a read replica: only what 'kg publish' installs at --db (never loads it from data/), "
                    + "read-only, logs beside that database (its parent's log/). Run one per port behind a load balancer "
                    + "(deploy/nginx/geokg-replicas.conf).")
    boolean replica;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServeSettings settings;
        Layout layout;
        try {
            checkOptions();
            layout = sources.apply(Commands.layout());
            Path db = database.resolve(layout);
            // A replica keeps its run-time files beside its own copy of the database.
            Path state = replica ? db.toAbsolutePath().normalize().getParent() : layout.state();
            settings = new ServeSettings(layout.configFile(), db, state, host, port,
                    Duration.ofMillis(Math.round(timeoutSeconds * 1000)), parseSize(maxBody), update,
                    Optional.ofNullable(passwd).map(Path::toAbsolutePath), ServeSettings.DEFAULT_RESPONSE_BUFFER);
        } catch (UserError | IllegalArgumentException e) {
            err.println("kg serve: " + e.getMessage());
            return 2;
        }
        try {
            if (!replica) Loader.loadIfStale(layout, settings.dbDir(), System.out);
        } catch (RuntimeException | Error e) {
            ResourceFailure.rethrowIfAny(e, "kg serve", "the new database in " + settings.dbDir().getParent(),
                    settings.dbDir() + " is unchanged; nothing is served");
            if (!(e instanceof LoadFailedException || e instanceof StoreException)) throw e;
            err.println("kg serve: the database could not be loaded: " + e.getMessage());
            return 1;
        }
        KgServer server;
        try {
            // The browser pages read paragraphs from the sources folder through Layout.fromEnvironment(),
            // whose -Dkg.sources carries --sources into this process's server.
            if (sources.sources != null) System.setProperty("kg.sources", layout.sources().toString());
            server = KgServer.start(settings);
        } catch (ServeException | StoreException e) {
            err.println("kg serve: " + e.getMessage());
            return 1;
        }
        // Ctrl-C / SIGTERM: stop the server and close the database before the JVM exits.
        Thread hook = new Thread(server::close, "kg-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        server.readyMessage().forEach(out::println);
        out.flush();
        server.join();
        server.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        return 0;
    }

    /** Option checks that need nothing but the options, done before anything is loaded or opened. */
    void checkOptions() {
        if (update && passwd == null)
            throw new UserError("--update needs --passwd FILE, a password file of your own: "
                    + "anonymous writes are never allowed (no default credentials exist)");
        if (passwd != null && !update)
            throw new UserError("--passwd is only used with --update (it protects the write endpoints)");
        if (replica && update)
            throw new UserError("--replica serves an immutable copy: no --update (writes would be lost at the next publish)");
        if (port < 0 || port > 65535)
            throw new UserError("--port must be between 0 and 65535, not " + port);
        if (!(timeoutSeconds > 0) || Double.isInfinite(timeoutSeconds))
            throw new UserError("--timeout must be a positive number of seconds: every query has a time limit");
        if (host == null || host.isBlank())
            throw new UserError("--host must not be empty");
        parseSize(maxBody);
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    /** Parses a byte count: a number with an optional k/KiB, m/MiB or g/GiB suffix (powers of 1024). */
    public static long parseSize(String s) {
        Matcher m = SIZE.matcher(s == null ? "" : s.strip().toLowerCase(Locale.ROOT));
        if (!m.matches())
            throw new UserError("--max-body: not a size: '" + s + "' (use e.g. 65536, 512KiB or 4MiB)");
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new UserError("--max-body: too large: " + s);
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long bytes = n * factor;
        if (n <= 0 || bytes / factor != n || bytes > Integer.MAX_VALUE - 1024)
            throw new UserError("--max-body must be between 1 byte and 2 GiB, not " + s);
        return bytes;
    }

    /** For running this command on its own (tests); the lead's {@link Main} registers it as a subcommand. */
    public static CommandLine commandLine() {
        return new CommandLine(new ServeCommand());
    }
}
