package org.geokg.serve;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.query.QueryParseException;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.apache.jena.sparql.modify.request.UpdateWithUsing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPARQL 1.1 Protocol, 2.2.3: an update that names its dataset with USING, USING NAMED or WITH
 * must not also get {@code using-graph-uri} / {@code using-named-graph-uri} parameters; the
 * service answers 400. Fuseki does detect the conflict, but reports it as a 500 with a stack trace
 * in the log. This filter answers 400 with one line before Fuseki runs the update. It looks only
 * at requests that carry one of the two parameters; anything it cannot parse goes on to Fuseki,
 * which reports the syntax error itself. Only requests of a logged-in user are parsed here.
 */
final class UpdateDatasetConflictFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateDatasetConflictFilter.class);
    static final String USING = "using-graph-uri";
    static final String USING_NAMED = "using-named-graph-uri";

    private final Predicate<HttpServletRequest> isUpdate;

    UpdateDatasetConflictFilter(Predicate<HttpServletRequest> isUpdate) {
        this.isUpdate = isUpdate;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        // Only for a logged-in user: an anonymous update is refused by Fuseki (401) without being parsed.
        if (!"POST".equals(req.getMethod()) || req.getRemoteUser() == null || !hasProtocolDataset(req.getQueryString())) {
            chain.doFilter(req, resp);
            return;
        }
        HttpServletRequest request = req;
        String text;
        if (mediaType(req.getContentType()).equals("application/sparql-update")) {
            byte[] body = req.getInputStream().readAllBytes();
            request = new BodyLimitFilter.BufferedBodyRequest(req, body);
            text = new String(body, charset(req.getCharacterEncoding()));
        } else {
            text = req.getParameter("update");
        }
        if (text != null && isUpdate.test(request) && namesItsOwnDataset(text)) {
            LOG.info("400 {} {}: update with USING/USING NAMED/WITH and {} / {} parameters",
                    req.getMethod(), req.getRequestURI(), USING, USING_NAMED);
            byte[] msg = ("The update names its dataset with USING, USING NAMED or WITH, and the request also gives "
                    + USING + " / " + USING_NAMED + ": give one or the other (SPARQL 1.1 Protocol 2.2.3).\n")
                    .getBytes(StandardCharsets.UTF_8);
            resp.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            resp.setContentType("text/plain;charset=utf-8");
            resp.setContentLength(msg.length);
            resp.getOutputStream().write(msg);
            return;
        }
        chain.doFilter(request, resp);
    }

    private static boolean hasProtocolDataset(String queryString) {
        if (queryString == null) return false;
        for (String pair : queryString.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (name.equals(USING) || name.equals(USING_NAMED)) return true;
        }
        return false;
    }

    /** Whether some operation of the update has its own USING, USING NAMED or WITH. */
    static boolean namesItsOwnDataset(String updateText) {
        UpdateRequest request;
        try {
            request = UpdateFactory.create(updateText);
        } catch (QueryParseException e) {
            return false;   // Fuseki reports the syntax error
        }
        for (Update u : request.getOperations()) {
            if (u instanceof UpdateWithUsing w
                    && (!w.getUsing().isEmpty() || !w.getUsingNamed().isEmpty() || w.getWithIRI() != null))
                return true;
        }
        return false;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
