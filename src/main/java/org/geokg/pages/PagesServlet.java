package org.geokg.pages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.apache.jena.fuseki.server.DataAccessPointRegistry;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the browser's paths. The dereferenceable ones ({@code /resource/{id}}, {@code /statement/{id}},
 * {@code /source/{id}}, {@code /ontology}) negotiate the format from {@code Accept}: HTML for browsers,
 * Turtle, JSON-LD or N-Triples for RDF clients ({@code ?format=ttl|jsonld|nt|html} overrides it, for
 * links). The dataset is looked up in Fuseki's registry on every request and read in a read
 * transaction.
 */
final class PagesServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PagesServlet.class);

    enum Route { ENTITY, STATEMENT, SOURCE, ONTOLOGY, SEARCH, QUERIES, ASSET }

    static final MediaType HTML = MediaType.create("text/html");
    static final MediaType TURTLE = MediaType.create("text/turtle");
    static final MediaType JSONLD = MediaType.create("application/ld+json");
    static final MediaType NTRIPLES = MediaType.create("application/n-triples");
    static final AcceptList OFFERS = AcceptList.create(HTML, TURTLE, JSONLD, NTRIPLES);
    static final Map<String, MediaType> FORMATS = Map.of("html", HTML, "ttl", TURTLE, "turtle", TURTLE,
            "jsonld", JSONLD, "json-ld", JSONLD, "nt", NTRIPLES, "ntriples", NTRIPLES);
    private static final Map<MediaType, RDFFormat> WRITERS = Map.of(TURTLE, RDFFormat.TURTLE_PRETTY,
            JSONLD, RDFFormat.JSONLD_PRETTY, NTRIPLES, RDFFormat.NTRIPLES);

    /** For pages: no script, no frames, nothing from elsewhere; the pages need none of it. */
    static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    private final transient Route route;
    private final transient KgPages pages;

    PagesServlet(Route route, KgPages pages) {
        this.route = route;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            switch (route) {
                case ASSET -> asset(req, resp);
                case ENTITY -> dereference(req, resp, Iris.Kind.RESOURCE, "/resource/");
                case STATEMENT -> dereference(req, resp, Iris.Kind.STATEMENT, "/statement/");
                case SOURCE -> dereference(req, resp, Iris.Kind.SOURCE, "/source/");
                case ONTOLOGY -> negotiated(req, resp, "/ontology", r -> OntologyPage.render(r), g -> Describe.ontology(g), "Ontology");
                case SEARCH -> search(req, resp);
                case QUERIES -> html(resp, 200, "Query library", QueryLibraryPage.render(pages.queriesDir(), pages.datasetName()));
            }
        } catch (SearchPage.BadSearch e) {
            String q = req.getParameter("q");
            html(resp, 400, "Search", SearchPage.form(q == null ? "" : q.strip()) + "<p class=\"error\" role=\"alert\">"
                    + Html.esc(e.getMessage()) + "</p>");
        } catch (Unavailable e) {
            html(resp, 503, "Unavailable", "<h1>Not available</h1>\n<p>" + Html.esc(e.getMessage()) + "</p>");
        } catch (RuntimeException e) {
            LOG.warn("{} {}: {}", req.getMethod(), req.getRequestURI(), e.toString());
            if (!resp.isCommitted())
                html(resp, 500, "Error", "<h1>Something went wrong</h1>\n<p>The page could not be made; the server log says why.</p>");
        }
    }

    private void dereference(HttpServletRequest req, HttpServletResponse resp, Iris.Kind kind, String prefix) throws IOException {
        String info = req.getPathInfo();
        if (info == null) {                                  // /resource -> /resource/
            resp.sendRedirect(prefix);
            return;
        }
        String id = info.startsWith("/") ? info.substring(1) : info;
        if (id.isEmpty()) {
            if (kind == Iris.Kind.RESOURCE) {
                html(resp, 200, "Entities", read(r -> EntityIndexPage.render(r)));
                return;
            }
            notFound(resp, "There is no index of " + (kind == Iris.Kind.STATEMENT ? "statements" : "sources")
                    + " here: start from an <a href=\"/resource/\">entity</a> or a <a href=\"/search\">search</a>.");
            return;
        }
        Optional<Node> iri = Iris.of(kind, id);
        if (iri.isEmpty()) {
            notFound(resp, "Not an identifier of this graph.");
            return;
        }
        Node n = iri.get();
        Function<Render, String> page = switch (kind) {
            case RESOURCE -> r -> EntityPage.render(r, n);
            case STATEMENT -> r -> StatementPage.render(r, n);
            case SOURCE -> r -> SourcePage.render(r, n);
        };
        Function<GraphView, Model> rdf = switch (kind) {
            case RESOURCE -> g -> g.has(n, null, null) ? Describe.entity(g, n) : null;
            case STATEMENT -> g -> g.isClaim(n) ? Describe.statement(g, n) : null;
            case SOURCE -> g -> g.has(n, null, null) ? Describe.source(g, n) : null;
        };
        negotiated(req, resp, prefix + id, page, rdf, null);
    }

    /** HTML or RDF for one resource, as the client asks; 404 when the graph does not know it. */
    private void negotiated(HttpServletRequest req, HttpServletResponse resp, String path, Function<Render, String> page,
                            Function<GraphView, Model> rdf, String title) throws IOException {
        resp.setHeader("Vary", "Accept");
        MediaType type = choose(req);
        if (type == null) {
            resp.setStatus(406);
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().write("406 Not Acceptable: this resource is available as text/html, text/turtle, "
                    + "application/ld+json and application/n-triples\n");
            return;
        }
        if (type.equals(HTML)) {
            String[] titleAndBody = read(r -> {
                String body = page.apply(r);
                if (body == null) return null;
                return new String[] { title != null ? title : titleOf(body), body };
            });
            if (titleAndBody == null) {
                notFound(resp, "The graph says nothing about <code>" + Html.esc(path) + "</code>.");
                return;
            }
            html(resp, 200, titleAndBody[0], titleAndBody[1], "text/turtle", path + "?format=ttl",
                    "application/ld+json", path + "?format=jsonld", "application/n-triples", path + "?format=nt");
            return;
        }
        Model m = read(g -> rdf.apply(g.g));
        if (m == null) {
            resp.setStatus(404);
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().write("404 Not Found: the graph says nothing about " + path + "\n");
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RDFDataMgr.write(bytes, m, WRITERS.get(type));
        resp.setStatus(200);
        resp.setContentType(type.getContentTypeStr() + "; charset=utf-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(bytes.size());
        resp.getOutputStream().write(bytes.toByteArray());
    }

    /** The format asked for: {@code ?format=} first, then {@code Accept}; HTML when neither says. */
    static MediaType choose(HttpServletRequest req) {
        String format = req.getParameter("format");
        if (format != null) return FORMATS.get(format.toLowerCase(Locale.ROOT));
        String accept = req.getHeader("Accept");
        if (accept == null || accept.isBlank()) return HTML;
        try {
            return AcceptList.match(new AcceptList(accept), OFFERS);
        } catch (RuntimeException unparsable) {
            return null;
        }
    }

    private void search(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String q = req.getParameter("q");
        String body = read(r -> SearchPage.render(r, q, pages.queryTimeoutMillis()));
        html(resp, 200, q == null || q.isBlank() ? "Search" : "Search: " + q.strip(), body);
    }

    private void asset(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String info = req.getPathInfo();
        if (!"/geokg.css".equals(info)) {
            notFound(resp, "No such file.");
            return;
        }
        try (InputStream in = PagesServlet.class.getResourceAsStream("geokg.css")) {
            if (in == null) throw new IllegalStateException("geokg.css is missing from the jar");
            byte[] css = in.readAllBytes();
            resp.setStatus(200);
            resp.setContentType("text/css; charset=utf-8");
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setHeader("Cache-Control", "max-age=300");
            resp.setContentLength(css.length);
            resp.getOutputStream().write(css);
        }
    }

    private <T> T read(Function<Render, T> f) {
        DatasetGraph dsg = dataset();
        return Txn.calculateRead(dsg, () -> f.apply(new Render(new GraphView(dsg), pages.texts())));
    }

    private DatasetGraph dataset() {
        DataAccessPointRegistry registry = DataAccessPointRegistry.get(getServletContext());
        DataAccessPoint dap = registry == null ? null : registry.get(pages.datasetPath());
        DatasetGraph dsg = dap == null ? null : dap.getDataService().getDataset();
        if (dsg == null) throw new Unavailable("the dataset " + pages.datasetPath() + " is not being served right now");
        return dsg;
    }

    private static void notFound(HttpServletResponse resp, String messageHtml) throws IOException {
        html(resp, 404, "Not found", "<h1>Not found</h1>\n<p>" + messageHtml + "</p>");
    }

    static void html(HttpServletResponse resp, int status, String title, String body, String... alternates) throws IOException {
        byte[] bytes = Html.page(title, body, alternates).getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType("text/html; charset=utf-8");
        resp.setHeader("Content-Security-Policy", CSP);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** The text of the page's first heading, for its title. */
    static String titleOf(String body) {
        int h = body.indexOf("<h1>");
        int end = body.indexOf("</h1>", h);
        if (h < 0 || end < 0) return "geokg";
        String inner = body.substring(h + 4, end).replaceAll("<[^>]*>", "");
        return unescape(inner).replaceAll("\\s+", " ").strip();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }
}
