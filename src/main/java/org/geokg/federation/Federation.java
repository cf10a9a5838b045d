package org.geokg.federation;

import java.net.http.HttpClient;
import java.util.Objects;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.http.sys.HttpRequestModifier;
import org.apache.jena.http.sys.RegistryRequestModifier;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.web.HttpNames;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.service.bulk.ChainingServiceExecutorBulk;
import org.apache.jena.sparql.service.bulk.ServiceExecutorBulk;
import org.apache.jena.sparql.service.single.ChainingServiceExecutor;
import org.apache.jena.sparql.service.single.ServiceExecutor;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sys.JenaSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards every SPARQL {@code SERVICE} call made in this JVM (by {@code kg query} and by the server).
 *
 * <p>{@link #install(FederationSettings)} puts one link at the head of ARQ's global service executor
 * chains ({@link ServiceExecutorRegistry}: the bulk chain, which ARQ consults first, and the
 * per-binding chain, which finally reaches Jena's HTTP executor). For every SERVICE call that link
 * <ol>
 * <li>refuses an IRI that is not on the allow-list (and a SERVICE whose IRI is a variable that the
 * data bound to something not on it) with a {@link ServiceNotAllowedException}, before anything is
 * sent: a query from an anonymous user cannot make the server fetch an arbitrary URL;</li>
 * <li>rewrites an allowed IRI to its operator-configured override URL, if any;</li>
 * <li>hands the call on to Jena's HTTP executor with its own HTTP client (no redirects followed, so an
 * allowed endpoint cannot bounce the request elsewhere, and a connect timeout), a read timeout, and
 * an {@link ARQ#httpRequestModifer request modifier} that sets the project's User-Agent; Jena applies
 * that modifier after its own headers, just before the request is built.</li>
 * </ol>
 * Installing again replaces the settings; the links stay installed once.
 */
public final class Federation {
    private static final Logger LOG = LoggerFactory.getLogger(Federation.class);

    private static volatile Installed current;
    private static final Guard GUARD = new Guard();

    private Federation() {}

    /** The settings and the HTTP client made from them, swapped as one. */
    private record Installed(FederationSettings settings, HttpClient client) {}

    /** Installs (or re-configures) the guard for every query executed in this JVM. */
    public static synchronized void install(FederationSettings settings) {
        Objects.requireNonNull(settings, "settings");
        JenaSystem.init();
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        current = new Installed(settings, client);
        ServiceExecutorRegistry reg = ServiceExecutorRegistry.get();
        if (!reg.getSingleChain().contains(GUARD)) reg.addSingleLink(GUARD);
        if (!reg.getBulkChain().contains(GUARD)) reg.addBulkLink(GUARD);
        // Also before a query runs, wherever SERVICE sits (FILTER EXISTS included, where an error
        // while running would silently count as "no match").
        ServiceCheckingEngineFactory.install();
        LOG.info("SERVICE allow-list: {}{}", settings.allowed(),
                settings.overrides().isEmpty() ? "" : "; overrides: " + settings.overrides());
    }

    /** {@code install(FederationSettings.fromEnvironment())}: the one call for the CLI and the server. */
    public static FederationSettings installFromEnvironment() {
        FederationSettings s = FederationSettings.fromEnvironment();
        install(s);
        return s;
    }

    /** The settings in force, or null when {@link #install} was never called. */
    public static FederationSettings settings() {
        Installed i = current;
        return i == null ? null : i.settings();
    }

    /** Removes the guard again (tests). Without it ARQ's defaults apply: any SERVICE IRI is fetched. */
    public static synchronized void uninstall() {
        ServiceExecutorRegistry reg = ServiceExecutorRegistry.get();
        reg.removeSingleLink(GUARD);
        reg.removeBulkLink(GUARD);
        ServiceCheckingEngineFactory.uninstall();
        current = null;
    }

    /**
     * The check of a SERVICE clause before its query runs: a constant IRI must be on the
     * allow-list; an endpoint from a variable is checked when it is bound, except inside an
     * expression (FILTER EXISTS ...), where that refusal could not be reported and is refused now.
     */
    static void checkBeforeRunning(ElementService service, boolean inExpression) {
        Installed i = current;
        if (i == null) return;   // uninstalled: nothing to enforce
        Node node = service.getServiceNode();
        if (node.isURI()) {
            check(node, i.settings());
        } else if (inExpression) {
            throw new ServiceNotAllowedException("SERVICE " + node + " inside FILTER EXISTS / NOT EXISTS is refused: "
                    + "an endpoint from a variable is only checked when it runs, and there a refusal would look like "
                    + "'no match'; name an endpoint from the allow-list " + i.settings().allowed() + " instead");
        }
    }

    /** Checks a SERVICE node against the allow-list; returns the IRI. */
    static String check(Node service, FederationSettings s) {
        if (service == null || !service.isURI())
            throw new ServiceNotAllowedException("SERVICE " + service
                    + " is refused: a SERVICE endpoint must be a constant IRI from the allow-list " + s.allowed());
        String iri = service.getURI();
        if (!s.isAllowed(iri))
            throw new ServiceNotAllowedException("SERVICE <" + iri + "> is refused: this server only queries "
                    + s.allowed() + " (the operator sets the list with -D" + FederationSettings.ALLOW_PROPERTY
                    + " or " + FederationSettings.ALLOW_ENV + ")");
        return iri;
    }

    private static final class Guard implements ChainingServiceExecutor, ChainingServiceExecutorBulk {

        /** Bulk: consulted first. Refuses constant IRIs early; variables are checked per binding below. */
        @Override
        public QueryIterator createExecution(OpService opService, QueryIterator input, ExecutionContext execCxt,
                                             ServiceExecutorBulk chain) {
            Installed i = installed();
            if (opService.getService().isURI()) check(opService.getService(), i.settings());
            return chain.createExecution(opService, input, execCxt);
        }

        /** Per binding: the service node is now bound; check, rewrite, and call with our HTTP settings. */
        @Override
        public QueryIterator createExecution(OpService opExecute, OpService original, Binding binding,
                                             ExecutionContext execCxt, ServiceExecutor chain) {
            Installed i = installed();
            FederationSettings s = i.settings();
            String iri = check(opExecute.getService(), s);
            String target = s.target(iri);
            OpService op = target.equals(iri) ? opExecute
                    : new OpService(NodeFactory.createURI(target), opExecute.getSubOp(), opExecute.getSilent());
            LOG.debug("SERVICE <{}>{}", iri, target.equals(iri) ? "" : " -> <" + target + ">");
            return chain.createExecution(op, original, binding, withHttpSettings(execCxt, i, target));
        }

        private static Installed installed() {
            Installed i = current;
            if (i == null) throw new ServiceNotAllowedException("SERVICE is disabled: federation is not configured");
            return i;
        }

        private static ExecutionContext withHttpSettings(ExecutionContext execCxt, Installed i, String target) {
            Context c = execCxt.getContext() == null ? new Context() : execCxt.getContext().copy();
            c.set(ARQ.httpQueryClient, i.client());
            if (!c.isDefined(ARQ.httpQueryTimeout)) c.set(ARQ.httpQueryTimeout, i.settings().timeout().toMillis());
            // Keep whatever modifier the application configured for the target, then set our User-Agent.
            HttpRequestModifier before = c.get(ARQ.httpRequestModifer);
            if (before == null) {
                RegistryRequestModifier reg = c.get(ARQ.httpRegistryRequestModifer);
                if (reg == null) reg = RegistryRequestModifier.get();
                before = reg == null ? null : reg.find(target);
            }
            HttpRequestModifier previous = before;
            String ua = i.settings().userAgent();
            c.set(ARQ.httpRequestModifer, (HttpRequestModifier) (params, headers) -> {
                if (previous != null) previous.modify(params, headers);
                headers.put(HttpNames.hUserAgent, ua);
            });
            return new ExecutionContext(c, execCxt.getActiveGraph(), execCxt.getDataset(), execCxt.getExecutor(),
                    execCxt.getCancelSignal());
        }
    }
}
