package org.geokg.serve;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CORS for the read-only endpoints (SPARQL query, Graph Store read), so that a notebook or page
 * served from another origin can query: any origin may GET or POST a query and read the answer,
 * without credentials ({@code Access-Control-Allow-Origin: *}, never
 * {@code Access-Control-Allow-Credentials}). A write never gets CORS headers: on the dataset URL,
 * which also takes updates with {@code --update}, a request that {@link WriteRequests} calls a write
 * passes through without them, so a browser does not let another site read its answer (and
 * {@link SameOriginWriteFilter} refuses it anyway); the write endpoints never get them.
 * <p>
 * Preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered here, 204, for
 * GET and POST (and HEAD on the Graph Store) with the headers a SPARQL client sends.
 */
final class ReadOnlyCorsFilter extends HttpFilter {
    static final String ALLOWED_HEADERS = "Accept, Content-Type, Accept-Language, Content-Language";
    static final String MAX_AGE_SECONDS = "600";

    /** What a cross-origin page may do on a read-only endpoint: query by GET or POST. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
    private static final String METHODS_LIST = "GET, HEAD, POST";

    private final String dataset;
    private final Set<String> writePaths;

    /**
     * @param dataset    the dataset's path ({@code /kg}); the filter is mapped to it and all below
     * @param writePaths the write endpoints below it ({@code /kg/update}, {@code /kg/data}): never CORS
     */
    ReadOnlyCorsFilter(String dataset, Set<String> writePaths) {
        this.dataset = dataset;
        this.writePaths = Set.copyOf(writePaths);
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getRequestURI();
        String origin = req.getHeader("Origin");
        if (origin == null || writePaths.contains(path)) {
            chain.doFilter(req, resp);
            return;
        }
        String preflight = req.getHeader("Access-Control-Request-Method");
        if ("OPTIONS".equals(req.getMethod()) && preflight != null) {
            if (METHODS.contains(preflight.strip())) {
                resp.setHeader("Access-Control-Allow-Origin", "*");
                resp.setHeader("Access-Control-Allow-Methods", METHODS_LIST);
                resp.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                resp.setHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
            }
            // A method that is not allowed gets no CORS headers: the browser then does not send it.
            resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        boolean datasetUrl = path.equals(dataset) || path.equals(dataset + "/");
        if (METHODS.contains(req.getMethod()) && !(datasetUrl && WriteRequests.isWriteOnDataset(req)))
            resp.setHeader("Access-Control-Allow-Origin", "*");
        chain.doFilter(req, resp);
    }
}
