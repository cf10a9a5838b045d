package org.geokg.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@code kg serve} runs. Every setting has a safe default: loopback only, read-only, every
 * query cut off after 30 s, request bodies limited to 1 MiB.
 *
 * @param configFile          the Fuseki configuration (fuseki-config/config.ttl) describing what is served
 * @param dbDir               the database directory (e.g. var/db/kg, a link to the current generation)
 * @param stateDir            the run-time state directory (var/); logs go to {@code stateDir/log}
 * @param host                interface to bind: {@code 127.0.0.1} (default) or {@code 0.0.0.0} for all
 * @param port                TCP port; 0 picks a free one
 * @param queryTimeout        overall limit for every query (overrides arq:queryTimeout in the config)
 * @param maxBodyBytes        largest accepted request body; larger ones get 413 before they are read
 * @param update              whether SPARQL Update ({@code /kg/update}) and Graph Store writes
 *                            ({@code /kg/data}) are offered, behind {@code passwordFile}
 * @param passwordFile        the operator's Jetty password file; required exactly when {@code update}
 * @param responseBufferBytes how much of a response is held back so that a failure (query timeout)
 *                            can still become an error status; beyond it the response streams and a
 *                            late failure aborts the connection (see {@link CompleteResponseFilter})
 */
public record ServeSettings(Path configFile, Path dbDir, Path stateDir, String host, int port,
                            Duration queryTimeout, long maxBodyBytes, boolean update,
                            Optional<Path> passwordFile, long responseBufferBytes) {

    public static final String LOOPBACK = "127.0.0.1";
    public static final String ALL_INTERFACES = "0.0.0.0";
    public static final int DEFAULT_PORT = 3030;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_BODY = 1024 * 1024;
    public static final long DEFAULT_RESPONSE_BUFFER = 4 * 1024 * 1024;

    public ServeSettings {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(dbDir, "dbDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        Objects.requireNonNull(passwordFile, "passwordFile");
        if (host == null || host.isBlank())
            throw new IllegalArgumentException("host must not be empty");
        if (port < 0 || port > 65535)
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        if (queryTimeout.isNegative() || queryTimeout.isZero())
            throw new IllegalArgumentException("the query timeout must be positive: every query has one");
        if (maxBodyBytes < 1)
            throw new IllegalArgumentException("the request body limit must be positive");
        if (responseBufferBytes < 0 || responseBufferBytes > Integer.MAX_VALUE - 16)
            throw new IllegalArgumentException("response buffer out of range: " + responseBufferBytes);
        if (update && passwordFile.isEmpty())
            throw new IllegalArgumentException("--update needs --passwd FILE: writes are only for users in your own password file");
        if (!update && passwordFile.isPresent())
            throw new IllegalArgumentException("--passwd only protects the write endpoints of --update; give both or neither");
    }

    /** Safe defaults: loopback, port 3030, read-only, 30 s query timeout, 1 MiB bodies. */
    public static ServeSettings defaults(Path configFile, Path dbDir, Path stateDir) {
        return new ServeSettings(configFile, dbDir, stateDir, LOOPBACK, DEFAULT_PORT, DEFAULT_QUERY_TIMEOUT,
                DEFAULT_MAX_BODY, false, Optional.empty(), DEFAULT_RESPONSE_BUFFER);
    }

    public ServeSettings withHost(String h) {
        return new ServeSettings(configFile, dbDir, stateDir, h, port, queryTimeout, maxBodyBytes, update, passwordFile, responseBufferBytes);
    }

    public ServeSettings withPort(int p) {
        return new ServeSettings(configFile, dbDir, stateDir, host, p, queryTimeout, maxBodyBytes, update, passwordFile, responseBufferBytes);
    }

    public ServeSettings withQueryTimeout(Duration t) {
        return new ServeSettings(configFile, dbDir, stateDir, host, port, t, maxBodyBytes, update, passwordFile, responseBufferBytes);
    }

    public ServeSettings withMaxBodyBytes(long n) {
        return new ServeSettings(configFile, dbDir, stateDir, host, port, queryTimeout, n, update, passwordFile, responseBufferBytes);
    }

    /** Enables SPARQL Update and Graph Store writes for the users of {@code passwd}. */
    public ServeSettings withUpdate(Path passwd) {
        return new ServeSettings(configFile, dbDir, stateDir, host, port, queryTimeout, maxBodyBytes, true,
                Optional.of(passwd), responseBufferBytes);
    }

    public ServeSettings withResponseBufferBytes(long n) {
        return new ServeSettings(configFile, dbDir, stateDir, host, port, queryTimeout, maxBodyBytes, update, passwordFile, n);
    }

    /** Whether the server is reachable from this machine only. */
    public boolean loopbackOnly() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    public Path logDir() { return stateDir.resolve("log"); }
}
