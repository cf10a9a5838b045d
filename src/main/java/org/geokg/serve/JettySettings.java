package org.geokg.serve;

import java.net.BindException;
import java.time.Duration;

import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What geokg sets on Fuseki's Jetty connectors (listening host, header and buffer sizes, no
 * version banner), and how a failure to start Jetty is told to the operator.
 */
final class JettySettings {
    /** Bounds for the request line plus headers (Fuseki's own default is 512 KiB). */
    static final int MIN_HEADER_BYTES = 8 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Jetty's own response buffer; the real holding back is done by {@link CompleteResponseFilter}. */
    static final int JETTY_OUTPUT_BUFFER = 32 * 1024;

    /** A client must have sent its request line and headers within this time (slow clients are cut off). */
    static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    static final String HEADER_TIMEOUT_PROPERTY = "kg.header.timeout";
    static final String HEADER_TIMEOUT_ENV = "KG_HEADER_TIMEOUT";

    private JettySettings() {}

    static void configure(FusekiServer server, ServeSettings settings) {
        int headerBytes = headerLimit(settings.maxBodyBytes());
        Duration headerTimeout = headerTimeout(System.getProperty(HEADER_TIMEOUT_PROPERTY), System.getenv(HEADER_TIMEOUT_ENV));
        server.getJettyServer().setErrorHandler(new NoSniffErrorHandler());
        for (Connector c : server.getJettyServer().getConnectors()) {
            if (!(c instanceof ServerConnector sc)) continue;
            sc.setHost(settings.host());
            HeaderTimeout slowHeaders = new HeaderTimeout(headerTimeout, sc.getScheduler());
            sc.addEventListener(slowHeaders);
            for (ConnectionFactory f : sc.getConnectionFactories()) {
                if (f instanceof HttpConnectionFactory hcf) {
                    HttpConfiguration hc = hcf.getHttpConfiguration();
                    hc.setRequestHeaderSize(headerBytes);
                    hc.setOutputBufferSize(JETTY_OUTPUT_BUFFER);
                    hc.setSendServerVersion(false);
                    hc.addCustomizer(slowHeaders);
                }
            }
        }
    }

    /** Seconds from the property (first) or the environment, default {@link #DEFAULT_HEADER_TIMEOUT}. */
    static Duration headerTimeout(String property, String env) {
        String spec = property != null && !property.isBlank() ? property.strip()
                : env != null && !env.isBlank() ? env.strip() : null;
        if (spec == null) return DEFAULT_HEADER_TIMEOUT;
        try {
            double seconds = Double.parseDouble(spec);
            if (seconds > 0 && seconds <= 3600) return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            // told below
        }
        throw new ServeException("bad header timeout '" + spec + "' (" + HEADER_TIMEOUT_PROPERTY + " / "
                + HEADER_TIMEOUT_ENV + "); expected seconds, more than 0 and at most 3600");
    }

    /**
     * The request line and headers together: no more than the body limit (a GET query should not
     * be a way around it), but at least Jetty's usual 8 KiB and at most 64 KiB.
     */
    static int headerLimit(long maxBody) {
        return (int) Math.max(MIN_HEADER_BYTES, Math.min(MAX_HEADER_BYTES, maxBody));
    }

    /** A start failure as one sentence: a port in use names the port and the way out. */
    static RuntimeException startFailure(RuntimeException e, ServeSettings settings) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException)
                return new ServeException("cannot listen on " + settings.host() + ":" + settings.port() + " ("
                        + t.getMessage() + "): is another server running? choose another port with --port", e);
        }
        String msg = e.getMessage();
        for (Throwable t = e.getCause(); t != null; t = t.getCause())
            if (t.getMessage() != null) msg = t.getMessage();
        return new ServeException("cannot start the server on " + settings.host() + ":" + settings.port() + ": " + msg, e);
    }
}
