package org.geokg.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

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
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.DatasetGraph;
import org.geokg.federation.Federation;
import org.geokg.pages.KgPages;
import org.geokg.store.Generations;
import org.geokg.query.BoundedQueryParser;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;
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
 * <p>
 * Serving never stops for new data: the served dataset is a {@link GenerationSwitch}, and when the
 * database link is a generations link made by {@code kg load} (the default {@code var/db/kg}), a
 * {@link GenerationWatcher} switches it to each new generation within about a second of the load
 * finishing, without failing or mixing any request, then releases and removes the old one.
 * {@code GET /ready} ({@link Readiness}) answers 200 only while the dataset answers a query, and a
 * note beside the link ({@link RunningServer}) tells the command line where this server is.
 * <p>
 * This class assembles the server and owns its life cycle. The configuration is read and edited by
 * {@link FusekiConfig}, the operator's inputs are checked by {@link ServeInputs}, Jetty's limits are
 * set by {@link JettySettings}, and the URLs the server prints come from {@link ServiceUrls}.
 */
public final class KgServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KgServer.class);

    private static final String REALM = "geokg";

    private final FusekiServer server;
    private final ServeSettings settings;
    private final ServeLogging logging;
    private final GenerationSwitch dataset;
    private final Readiness readiness;
    /** Follows the database link; null when the database is a plain directory. */
    private volatile GenerationWatcher watcher;
    private volatile RunningServer note;
    /** Kept from the start: Fuseki's registry is gone from the servlet context once stopped. */
    private final List<DataAccessPoint> served;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KgServer(FusekiServer server, ServeSettings settings, ServeLogging logging, GenerationSwitch dataset,
                     Readiness readiness) {
        this.server = server;
        this.settings = settings;
        this.logging = logging;
        this.dataset = dataset;
        this.readiness = readiness;
        this.served = List.copyOf(server.getDataAccessPointRegistry().accessPoints());
    }

    /** Starts serving; the server runs in the background until {@link #close()}. */
    public static KgServer start(ServeSettings settings) {
        Path database = ServeInputs.resolveDatabase(settings.dbDir());
        // SERVICE calls from anonymous queries reach only the allow-list (Wikidata by default).
        Federation.installFromEnvironment();
        // Queries parse within a time limit and a depth: a hostile one gets a one-line 400.
        BoundedQueryParser.install();
        Optional<Path> passwd = settings.passwordFile().map(ServeInputs::checkPasswordFile);
        ServeLogging logging = ServeLogging.toDirectory(settings.logDir());
        FusekiServer server = null;
        List<DataAccessPoint> served = List.of();
        GenerationSwitch dataset = null;
        try {
            Model config = KgStore.configFor(settings.configFile(), database);
            FusekiConfig.setServerQueryTimeout(config, settings.queryTimeout());
            List<String> datasets = FusekiConfig.datasetNames(config);
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
                    .addFilter("/*", new NoSniffFilter())
                    .addFilter("/*", new BodyLimitFilter(settings.maxBodyBytes()))
                    .addFilter("/$/*", new AdminGuardFilter());
            Set<String> writeEndpoints = settings.update() ? Set.of("update", "data") : Set.of();
            for (String name : datasets) {
                Set<String> writePaths = writeEndpoints.stream().map(ep -> name + "/" + ep).collect(Collectors.toSet());
                builder.addFilter(name + "/*", new ReadOnlyCorsFilter(name, writePaths));
                for (String gspRead : FusekiConfig.graphStoreReadPaths(config, name))
                    builder.addFilter(gspRead, new UnionDefaultGraphFilter());
                builder.addFilter(name + "/*", new CompleteResponseFilter(settings.responseBufferBytes()));
            }
            // The analyst's browser: pages for the first dataset's entities, statements and sources.
            Layout layout = Layout.fromEnvironment();
            new KgPages(datasets.get(0), layout.queriesDir(), layout.sharedSources(), settings.queryTimeout())
                    .register(builder);
            if (settings.update()) {
                builder.passwordFile(passwd.orElseThrow().toString())
                       .auth(AuthScheme.BASIC)
                       .realm(REALM)
                       // Reading stays anonymous; only the endpoints below ask for a login.
                       .serverAuthPolicy(Auth.ANY_ANON);
                for (String name : datasets) {
                    // The dataset URL takes updates too, as the SPARQL protocol has one endpoint for
                    // queries and updates. Fuseki's login would cover every URL below it, queries
                    // included, so the login for an update there is asked by DatasetWriteLoginFilter.
                    builder.addOperation(name, Operation.Update);
                    builder.addFilter(name, new DatasetWriteLoginFilter());
                    builder.addFilter(name, new SameOriginWriteFilter(WriteRequests::isWriteOnDataset));
                    builder.addFilter(name, new UpdateDatasetConflictFilter(WriteRequests::isWriteOnDataset));
                    builder.addFilter(name + "/update", new UpdateDatasetConflictFilter(WriteRequests::isWriteMethod));
                    builder.addEndpoint(name, "update", Operation.Update, Auth.ANY_USER);
                    builder.addEndpoint(name, "data", Operation.GSP_RW, Auth.ANY_USER);
                    builder.addFilter(name + "/update", new SameOriginWriteFilter());
                    builder.addFilter(name + "/data", new SameOriginWriteFilter());
                }
            }
            dataset = switchable(builder, datasets, database, new Generations(settings.dbDir()).id(database));
            Readiness readiness = new Readiness(datasets.get(0), dataset);
            builder.addServlet(Readiness.PATH, readiness);
            server = builder.build();
            served = List.copyOf(server.getDataAccessPointRegistry().accessPoints());
            JettySettings.configure(server, settings);
            FusekiConfig.setDatasetQueryTimeouts(server, settings.queryTimeout());
            try {
                server.start();
            } catch (RuntimeException e) {
                throw JettySettings.startFailure(e, settings);
            }
            KgServer kg = new KgServer(server, settings, logging, dataset, readiness);
            kg.followLinkAndLeaveNote();
            LOG.info("Serving {} from {} on {}:{} (query timeout {} s, request body limit {} bytes, {})",
                    datasets, database, settings.host(), kg.port(), settings.queryTimeout().toMillis() / 1000.0,
                    settings.maxBodyBytes(), settings.update() ? "update with password" : "read-only");
            if (settings.update() && !settings.loopbackOnly())
                LOG.warn("Update is enabled on {}: HTTP Basic sends passwords in clear text; use this only "
                        + "on a trusted network or behind a TLS proxy", settings.host());
            return kg;
        } catch (RuntimeException e) {
            if (server != null) stopQuietly(server);
            if (dataset != null) closeQuietly(dataset.current());
            closeDatasetsQuietly(served);
            logging.close();
            throw e;
        }
    }

    /**
     * Makes each service's dataset (the one generation the configuration was pointed at) a
     * {@link GenerationSwitch}, before Fuseki builds its services around it.
     */
    private static GenerationSwitch switchable(FusekiServer.Builder builder, List<String> datasets, Path dir, String id) {
        GenerationSwitch sw = null;
        for (String name : datasets) {
            DataService.Builder svc = builder.getDataServiceBuilder(name);
            if (svc == null || svc.dataset() == null) continue;
            if (sw == null) {
                sw = new GenerationSwitch(new GenerationSwitch.Generation(dir, id, svc.dataset()));
            } else if (svc.dataset() != sw.current().dataset) {
                throw new ServeException("the configuration serves more than one database; kg serve serves one");
            }
            svc.dataset(sw);
        }
        if (sw == null) throw new ServeException("the configuration's services have no dataset to serve");
        return sw;
    }

    /** Once started: follows the database link (if it is one) and leaves the note for the command line. */
    private void followLinkAndLeaveNote() {
        Path link = settings.dbDir();
        if (Files.isSymbolicLink(link))
            watcher = GenerationWatcher.start(link, settings.configFile(), dataset);
        ServiceUrls urls = urlsOf();
        Map<String, URI> local = urls.local();
        URI sparql = local.entrySet().stream().filter(e -> e.getKey().startsWith("SPARQL endpoint"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        URI gsp = local.entrySet().stream().filter(e -> e.getKey().startsWith("Graph Store (read)"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (sparql == null || gsp == null) return;
        RunningServer n = new RunningServer(ProcessHandle.current().pid(), sparql, gsp,
                urls.baseUrl().resolve(Readiness.PATH.substring(1)));
        if (!n.isLoopback()) return;
        try {
            n.write(link);
            note = n;
        } catch (IOException e) {
            LOG.warn("Cannot write {}: kg query and kg export will not find this server: {}",
                    RunningServer.noteFor(link), e.toString());
        }
    }

    /** The port the server listens on (the real one when 0 was asked for). */
    public int port() {
        return server.getHttpPort();
    }

    /** The host and port this machine reaches the server on, e.g. {@code http://127.0.0.1:3030/}. */
    public URI baseUrl() {
        return urlsOf().baseUrl();
    }

    /** The directory served now: the generation the database link pointed to last. */
    public Path database() {
        return dataset.current().dir;
    }

    /** The {@link org.geokg.store.Generations#id} of the generation served now. */
    public String generation() {
        return dataset.current().id;
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
        return urlsOf().display();
    }

    /** The same as {@link #urls()} with the host of {@link #baseUrl()}. */
    public Map<String, URI> localUrls() {
        return urlsOf().local();
    }

    /** The lines {@code kg serve} prints once the server is ready. */
    public List<String> readyMessage() {
        return urlsOf().readyMessage(database());
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
        readiness.stopping();
        RunningServer n = note;
        if (n != null) n.remove(settings.dbDir());
        GenerationWatcher w = watcher;
        if (w != null) w.close();
        stopQuietly(server);
        closeQuietly(dataset.current());
        closeDatasetsQuietly(served);
        logging.close();
    }

    private ServiceUrls urlsOf() {
        return new ServiceUrls(settings, port(), served);
    }

    // ---- helpers

    private static void stopQuietly(FusekiServer server) {
        try {
            server.stop();
        } catch (RuntimeException e) {
            LOG.warn("Error while stopping the server: {}", e.toString());
        }
    }

    private static void closeQuietly(GenerationSwitch.Generation g) {
        try {
            KgStore.close(g.dataset);
        } catch (RuntimeException e) {
            LOG.warn("Error while closing generation {}: {}", g, e.toString());
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
