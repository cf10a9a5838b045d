package org.geokg.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;

/**
 * The addresses a running server answers on, as people and programs need them: the labelled
 * service URLs and the lines {@code kg serve} prints once it is ready.
 */
final class ServiceUrls {
    private final ServeSettings settings;
    private final int port;
    private final List<DataAccessPoint> served;

    ServiceUrls(ServeSettings settings, int port, List<DataAccessPoint> served) {
        this.settings = settings;
        this.port = port;
        this.served = served;
    }

    /** The host and port this machine reaches the server on, e.g. {@code http://127.0.0.1:3030/}. */
    URI baseUrl() {
        return URI.create("http://" + urlHost(localHost()) + ":" + port + "/");
    }

    /** The service URLs in display form ({@code localhost}, or this machine's name on all interfaces). */
    Map<String, URI> display() {
        return urls(displayHost());
    }

    /** The service URLs with the host of {@link #baseUrl()}. */
    Map<String, URI> local() {
        return urls(localHost());
    }

    /** The lines {@code kg serve} prints once the server is ready. */
    List<String> readyMessage(Path database) {
        List<String> lines = new ArrayList<>();
        lines.add("geokg is being served from " + database + (settings.loopbackOnly()
                ? " (this machine only)" : " on all interfaces (admin pages /$/ answer to this machine only)"));
        Map<String, URI> urls = display();
        int width = urls.keySet().stream().mapToInt(String::length).max().orElse(0);
        urls.forEach((label, uri) -> lines.add(String.format("  %-" + width + "s  %s", label, uri)));
        lines.add("Press Ctrl-C to stop.");
        return lines;
    }

    private Map<String, URI> urls(String host) {
        String base = "http://" + urlHost(host) + ":" + port;
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
        urls.put("Readiness (200 when serving)", URI.create(base + Readiness.PATH));
        return urls;
    }

    /** The endpoint's path for an operation: the preferred name, else any named one, else the dataset itself. */
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
}
