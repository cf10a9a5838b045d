package org.geokg.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.assembler.JA;
import org.apache.jena.atlas.web.AuthScheme;
import org.apache.jena.fuseki.Fuseki;
import org.apache.jena.fuseki.auth.Auth;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.main.sys.FusekiModules;
import org.apache.jena.fuseki.mgt.FusekiServerCtl;
import org.apache.jena.fuseki.mod.admin.ActionServerStatus;
import org.apache.jena.fuseki.mod.ui.FMod_UI;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.FusekiVocab;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.vocabulary.RDF;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.geokg.federation.Federation;
import org.geokg.store.Generations;
import org.geokg.store.KgStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The geokg SPARQL server: Apache Jena Fuseki serving what {@code fuseki-config/config.ttl}
 * describes, re-pointed at a database directory, plus the Fuseki web UI.
 * <p>
 * Secure by default:
 * <ul>
 * <li>listens on 127.0.0.1 unless told otherwise;</li>
 * <li>no anonymous writes: the configuration has only query and read-only Graph Store endpoints;
 *     SPARQL Update ({@code /kg/update}) and Graph Store writes ({@code /kg/data}) exist only with
 *     {@code update} and then need a user from the operator's own password file (HTTP Basic),
 *     and refuse cross-site requests ({@link SameOriginWriteFilter});</li>
 * <li>no Fuseki admin module, hence no FUSEKI_BASE {@code run/} area and no sample
 *     {@code shiro.ini}; the UI gets read-only {@code /$/server}, {@code /$/datasets},
 *     {@code /$/ping}, {@code /$/stats}, {@code /$/tasks}, answering to localhost only
 *     ({@link AdminGuardFilter});</li>
 * <li>every query has a timeout, and a query that fails after its answer started streaming
 *     never ends as a complete-looking 200 ({@link CompleteResponseFilter});</li>
 * <li>request bodies over a limit get 413 before they are parsed or logged
 *     ({@link BodyLimitFilter}); the URL and headers are bounded by the Jetty header size.</li>
 * </ul>
 */
public final class KgServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KgServer.class);

    /** Bounds for the request line plus headers (Fuseki's own default is 512 KiB). */
    static final int MIN_HEADER_BYTES = 8 * 1024;
    static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Jetty's own response buffer; the real holding back is done by {@link CompleteResponseFilter}. */
    static final int JETTY_OUTPUT_BUFFER = 32 * 1024;
    private static final String REALM = "geokg";
    private static final String TIMEOUT_SYMBOL = ARQ.queryTimeout.getSymbol();

    private final FusekiServer server;
    private final ServeSettings settings;
    private final ServeLogging logging;
    private final Path database;
    /** Kept from the start: Fuseki's registry is gone from the servlet context once stopped. */
    private final List<DataAccessPoint> served;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KgServer(FusekiServer server, ServeSettings settings, ServeLogging logging, Path database) {
        this.server = server;
        this.settings = settings;
        this.logging = logging;
        this.database = database;
        this.served = List.copyOf(server.getDataAccessPointRegistry().accessPoints());
    }

    /** Starts serving; the server runs in the background until {@link #close()}. */
    public static KgServer start(ServeSettings settings) {
        Path database = resolveDatabase(settings.dbDir());
        // SERVICE calls from anonymous queries reach only the allow-list (Wikidata by default).
        Federation.installFromEnvironment();
        Optional<Path> passwd = settings.passwordFile().map(KgServer::checkPasswordFile);
        ServeLogging logging = ServeLogging.toDirectory(settings.logDir());
        FusekiServer server = null;
        List<DataAccessPoint> served = List.of();
        try {
            Model config = KgStore.configFor(settings.configFile(), database);
            setServerQueryTimeout(config, settings.queryTimeout());
            List<String> datasets = datasetNames(config);
            if (datasets.isEmpty())
                throw new ServeException(settings.configFile() + " describes no fuseki:Service to serve");

            FusekiServer.Builder builder = FusekiServer.create()
                    // Only the UI module. FMod_Admin would set up a FUSEKI_BASE area (./run) and copy
                    // Fuseki's sample shiro.ini into it; FMod_Shiro would read one. Neither is used.
                    .fusekiModules(FusekiModules.create(new FMod_UI()))
                    // FMod_UI wants a server-control object to look for a UI directory; it is given
                    // one pointing into the state directory that is never set up (nothing is written).
                    .addServletAttribute(Fuseki.attrFusekiServerCtl,
                            new FusekiServerCtl(settings.stateDir().resolve("fuseki")))
                    .port(settings.port())
                    .parseConfig(config)
                    // The read-only admin endpoints the UI needs.
                    .enablePing(true)
                    .enableStats(true)
                    .enableTasks(true)
                    .enableCompact(false)
                    .enableMetrics(false)
                    .addServlet("/$/server", new ActionServerStatus())
                    .addServlet("/$/datasets/*", new ReadOnlyDatasets())
                    // Filters run in this order, before Fuseki's dispatch.
                    .addFilter("/*", new BodyLimitFilter(settings.maxBodyBytes()))
                    .addFilter("/$/*", new AdminGuardFilter());
            for (String name : datasets)
                builder.addFilter(name + "/*", new CompleteResponseFilter(settings.responseBufferBytes()));
            if (settings.update()) {
                builder.passwordFile(passwd.orElseThrow().toString())
                       .auth(AuthScheme.BASIC)
                       .realm(REALM)
                       // Reading stays anonymous; only the endpoints below ask for a login.
                       .serverAuthPolicy(Auth.ANY_ANON);
                for (String name : datasets) {
                    builder.addEndpoint(name, "update", Operation.Update, Auth.ANY_USER);
                    builder.addEndpoint(name, "data", Operation.GSP_RW, Auth.ANY_USER);
                    builder.addFilter(name + "/update", new SameOriginWriteFilter());
                    builder.addFilter(name + "/data", new SameOriginWriteFilter());
                }
            }
            server = builder.build();
            served = List.copyOf(server.getDataAccessPointRegistry().accessPoints());
            configureJetty(server, settings);
            setDatasetQueryTimeouts(server, settings.queryTimeout());
            try {
                server.start();
            } catch (RuntimeException e) {
                throw startFailure(e, settings);
            }
            KgServer kg = new KgServer(server, settings, logging, database);
            LOG.info("Serving {} from {} on {}:{} (query timeout {} s, request body limit {} bytes, {})",
                    datasets, database, settings.host(), kg.port(), settings.queryTimeout().toMillis() / 1000.0,
                    settings.maxBodyBytes(), settings.update() ? "update with password" : "read-only");
            if (settings.update() && !settings.loopbackOnly())
                LOG.warn("Update is enabled on {}: HTTP Basic sends passwords in clear text; use this only "
                        + "on a trusted network or behind a TLS proxy", settings.host());
            return kg;
        } catch (RuntimeException e) {
            if (server != null) stopQuietly(server);
            closeDatasetsQuietly(served);
            logging.close();
            throw e;
        }
    }

    /** The port the server listens on (the real one when 0 was asked for). */
    public int port() {
        return server.getHttpPort();
    }

    /** The host and port this machine reaches the server on, e.g. {@code http://127.0.0.1:3030/}. */
    public URI baseUrl() {
        return URI.create("http://" + urlHost(localHost()) + ":" + port() + "/");
    }

    /** The directory actually served: the generation the database link pointed to at start. */
    public Path database() {
        return database;
    }

    public ServeSettings settings() {
        return settings;
    }

    /**
     * The service URLs, labelled, in display form ({@code localhost}, or this machine's name when
     * listening on all interfaces): UI, SPARQL endpoint, Graph Store (read), and with update the
     * update and Graph Store write endpoints.
     */
    public Map<String, URI> urls() {
        return urls(displayHost());
    }

    /** The same as {@link #urls()} with the host of {@link #baseUrl()}. */
    public Map<String, URI> localUrls() {
        return urls(localHost());
    }

    private Map<String, URI> urls(String host) {
        String base = "http://" + urlHost(host) + ":" + port();
        Map<String, URI> urls = new LinkedHashMap<>();
        urls.put("UI", URI.create(base + "/"));
        for (DataAccessPoint dap : served) {
            String ds = base + dap.getName();
            DataService svc = dap.getDataService();
            endpoint(svc, Operation.Query, "sparql")
                    .ifPresent(ep -> urls.put("SPARQL endpoint " + dap.getName(), URI.create(ds + ep)));
            endpoint(svc, Operation.GSP_R, "get")
                    .ifPresent(ep -> urls.put("Graph Store (read) " + dap.getName(), URI.create(ds + ep)));
            endpoint(svc, Operation.Update, "update")
                    .ifPresent(ep -> urls.put("SPARQL Update (password) " + dap.getName(), URI.create(ds + ep)));
            endpoint(svc, Operation.GSP_RW, "data")
                    .ifPresent(ep -> urls.put("Graph Store (write, password) " + dap.getName(), URI.create(ds + ep)));
        }
        return urls;
    }

    /** The lines {@code kg serve} prints once the server is ready. */
    public List<String> readyMessage() {
        List<String> lines = new ArrayList<>();
        lines.add("geokg is being served from " + database + (settings.loopbackOnly()
                ? " (this machine only)" : " on all interfaces (admin pages /$/ answer to this machine only)"));
        int width = urls().keySet().stream().mapToInt(String::length).max().orElse(0);
        urls().forEach((label, uri) -> lines.add(String.format("  %-" + width + "s  %s", label, uri)));
        lines.add("Press Ctrl-C to stop.");
        return lines;
    }

    /** Blocks until the server stops. */
    public void join() {
        server.join();
    }

    /** Stops the server and closes the database. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        LOG.info("Stopping the server on port {}", port());
        stopQuietly(server);
        closeDatasetsQuietly(served);
        logging.close();
    }

    // ---- set-up

    /** The database directory to serve: the target of the link, so a later load does not swap it mid-run. */
    static Path resolveDatabase(Path dbDir) {
        if (Files.isSymbolicLink(dbDir)) {
            Optional<Path> current = new Generations(dbDir).current();
            if (current.isEmpty())
                throw new ServeException("the database " + dbDir + " is not complete (an interrupted load?): run 'kg load'");
        }
        if (!Files.isDirectory(dbDir))
            throw new ServeException("no database at " + dbDir + ": run 'kg load' first");
        Path real;
        try {
            real = dbDir.toRealPath();
        } catch (IOException e) {
            throw new ServeException("cannot read the database directory " + dbDir + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(real.resolve(KgStore.TDB_DIR)))
            throw new ServeException(dbDir + " holds no database (no " + KgStore.TDB_DIR + "/ inside): run 'kg load' first");
        return real;
    }

    /** Checks the operator's password file: readable, with at least one {@code user: password} line. */
    static Path checkPasswordFile(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
            throw new ServeException("password file not found or not readable: " + file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ServeException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
        boolean hasUser = lines.stream().map(String::strip)
                .anyMatch(l -> !l.isEmpty() && !l.startsWith("#") && l.indexOf(':') > 0 && l.indexOf(':') < l.length() - 1);
        if (!hasUser)
            throw new ServeException("the password file " + file
                    + " has no users; write lines 'user: password' (Jetty format; MD5:/CRYPT: hashes allowed)");
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ))
                LOG.warn("The password file {} is readable by other users; consider chmod 600", file);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to say
        }
        return file.toAbsolutePath();
    }

    /** The canonical names ({@code /kg}) of the services the configuration defines. */
    static List<String> datasetNames(Model config) {
        List<String> names = new ArrayList<>();
        for (Resource svc : config.listResourcesWithProperty(RDF.type, FusekiVocab.fusekiService).toList()) {
            Statement name = svc.getProperty(FusekiVocab.pServiceName);
            if (name != null && name.getObject().isLiteral())
                names.add(DataAccessPoint.canonical(name.getString()));
        }
        return names;
    }

    /**
     * Sets arq:queryTimeout in the server section of the configuration, replacing the value there,
     * so the configuration that Fuseki reads says what is enforced.
     */
    static void setServerQueryTimeout(Model config, Duration timeout) {
        String ms = Long.toString(timeout.toMillis());
        List<Resource> servers = config.listResourcesWithProperty(RDF.type, FusekiVocab.tServer).toList();
        for (Resource server : servers) {
            for (Statement st : server.listProperties(JA.context).toList()) {
                RDFNode cxt = st.getObject();
                if (cxt.isResource() && isTimeoutName(cxt.asResource().getProperty(JA.cxtName))) {
                    config.removeAll(cxt.asResource(), null, null);
                    config.remove(st);
                }
            }
            Resource cxt = config.createResource();
            cxt.addProperty(JA.cxtName, "arq:queryTimeout");
            cxt.addProperty(JA.cxtValue, ms);
            server.addProperty(JA.context, cxt);
        }
    }

    private static boolean isTimeoutName(Statement name) {
        if (name == null) return false;
        RDFNode n = name.getObject();
        String s = n.isLiteral() ? n.asLiteral().getLexicalForm() : n.isURIResource() ? n.asResource().getURI() : "";
        return s.equals("arq:queryTimeout") || s.equals(TIMEOUT_SYMBOL);
    }

    /**
     * Also sets the timeout in each served dataset's context. The server section of the configuration
     * goes into Fuseki's JVM-wide context; the dataset's own context takes precedence over it, so
     * each server (in tests, several in one JVM) enforces its own setting.
     */
    private static void setDatasetQueryTimeouts(FusekiServer server, Duration timeout) {
        String ms = Long.toString(timeout.toMillis());
        for (DataAccessPoint dap : server.getDataAccessPointRegistry().accessPoints()) {
            Context cxt = dap.getDataService().getDataset().getContext();
            if (cxt != null) cxt.set(ARQ.queryTimeout, ms);
        }
    }

    private static void configureJetty(FusekiServer server, ServeSettings settings) {
        int headerBytes = headerLimit(settings.maxBodyBytes());
        for (Connector c : server.getJettyServer().getConnectors()) {
            if (!(c instanceof ServerConnector sc)) continue;
            sc.setHost(settings.host());
            for (ConnectionFactory f : sc.getConnectionFactories()) {
                if (f instanceof HttpConnectionFactory hcf) {
                    HttpConfiguration hc = hcf.getHttpConfiguration();
                    hc.setRequestHeaderSize(headerBytes);
                    hc.setOutputBufferSize(JETTY_OUTPUT_BUFFER);
                    hc.setSendServerVersion(false);
                }
            }
        }
    }

    /**
     * The request line and headers together: no more than the body limit (a GET query should not
     * be a way around it), but at least Jetty's usual 8 KiB and at most 64 KiB.
     */
    static int headerLimit(long maxBody) {
        return (int) Math.max(MIN_HEADER_BYTES, Math.min(MAX_HEADER_BYTES, maxBody));
    }

    private static RuntimeException startFailure(RuntimeException e, ServeSettings settings) {
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

    // ---- helpers

    private static Optional<String> endpoint(DataService svc, Operation op, String preferred) {
        List<Endpoint> eps = svc.getEndpoints(op);
        if (eps == null || eps.isEmpty()) return Optional.empty();
        for (Endpoint ep : eps)
            if (preferred.equals(ep.getName())) return Optional.of("/" + ep.getName());
        for (Endpoint ep : eps)
            if (!ep.isUnnamed()) return Optional.of("/" + ep.getName());
        return Optional.of("");
    }

    /** A host this machine can connect to. */
    private String localHost() {
        String h = settings.host();
        return isWildcard(h) ? ServeSettings.LOOPBACK : h;
    }

    private String displayHost() {
        String h = settings.host();
        if (settings.loopbackOnly()) return "localhost";
        if (isWildcard(h)) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return "localhost";
            }
        }
        return h;
    }

    private static boolean isWildcard(String h) {
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]");
    }

    private static String urlHost(String h) {
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    private static void stopQuietly(FusekiServer server) {
        try {
            server.stop();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping the server: {}", e.toString());
        }
    }

    /** Closes the text index and the TDB2 database of every served dataset. */
    private static void closeDatasetsQuietly(List<DataAccessPoint> served) {
        for (DataAccessPoint dap : served) {
            DataService svc = dap.getDataService();
            DatasetGraph dsg = svc.getDataset();
            try {
                if (dsg != null) dsg.close();   // the text dataset closes its Lucene index
            } catch (RuntimeException e) {
                LOG.warn("Error while closing dataset {}: {}", dap.getName(), e.toString());
            }
            try {
                svc.shutdown();                // releases the TDB2 database from the JVM
            } catch (RuntimeException e) {
                LOG.warn("Error while releasing dataset {}: {}", dap.getName(), e.toString());
            }
        }
    }
}
