package org.geokg.serve;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.sparql.core.Quad;

/**
 * Makes the read-only Graph Store's default graph ({@code /kg/get?default}) the one SPARQL queries
 * see: the union of the named graphs. A GET with neither {@code default} nor {@code graph} stays
 * Fuseki's request for the whole dataset (every named graph, as N-Quads or TriG), which
 * {@code kg export} uses through a running server. The database is TDB2 with
 * {@code unionDefaultGraph}, which only queries honour; Fuseki's Graph Store would return TDB2's
 * stored default graph, which the loader leaves empty (only the prefixes came back). The request
 * is passed on as a request for the graph {@code urn:x-arq:UnionGraph}, Jena's name for that union.
 */
final class UnionDefaultGraphFilter extends HttpFilter {
    static final String UNION = Quad.unionGraph.getURI();

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        boolean read = "GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod());
        if (read && req.getParameter("default") != null && req.getParameter("graph") == null)
            chain.doFilter(new UnionGraphRequest(req), resp);
        else
            chain.doFilter(req, resp);
    }

    /** The same request with {@code default} replaced by {@code graph=urn:x-arq:UnionGraph}. */
    private static final class UnionGraphRequest extends HttpServletRequestWrapper {
        private final Map<String, String[]> params;

        UnionGraphRequest(HttpServletRequest req) {
            super(req);
            Map<String, String[]> m = new LinkedHashMap<>(req.getParameterMap());
            m.remove("default");
            m.put("graph", new String[] { UNION });
            params = Collections.unmodifiableMap(m);
        }

        @Override public String getParameter(String name) {
            String[] v = params.get(name);
            return v == null || v.length == 0 ? null : v[0];
        }
        @Override public Map<String, String[]> getParameterMap() { return params; }
        @Override public Enumeration<String> getParameterNames() { return Collections.enumeration(params.keySet()); }
        @Override public String[] getParameterValues(String name) {
            String[] v = params.get(name);
            return v == null ? null : v.clone();
        }
        @Override public String getQueryString() {
            String q = super.getQueryString();
            String union = "graph=" + java.net.URLEncoder.encode(UNION, java.nio.charset.StandardCharsets.UTF_8);
            if (q.equals("default")) return union;
            return q.replaceAll("(^|&)default(=[^&]*)?(?=&|$)", "") + "&" + union;
        }
    }
}
