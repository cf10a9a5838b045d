package org.geokg.serve;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cross-site request forgery guard for the write endpoints of {@code --update}. A browser that
 * has logged in (HTTP Basic credentials are cached per site) would attach them to a form that
 * another web page posts to {@code /kg/update}; such a request carries that page's
 * {@code Origin}. Writes whose {@code Origin} is not this server are refused with 403. Clients
 * that are not browsers (curl, scripts) send no {@code Origin} and are unaffected.
 */
final class SameOriginWriteFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(SameOriginWriteFilter.class);

    private final Predicate<HttpServletRequest> isWrite;

    /** For a write endpoint: every request but GET, HEAD and OPTIONS is a write. */
    SameOriginWriteFilter() {
        this(WriteRequests::isWriteMethod);
    }

    /** For a URL that takes reads and writes (the dataset URL with --update): only writes are checked. */
    SameOriginWriteFilter(Predicate<HttpServletRequest> isWrite) {
        this.isWrite = isWrite;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (isWrite.test(req)) {
            String origin = req.getHeader("Origin");
            if (origin != null && !sameOrigin(origin, req)) {
                LOG.info("403 {} {}: cross-site write from Origin {}", req.getMethod(), req.getRequestURI(), origin);
                byte[] msg = "Cross-site writes are refused.\n".getBytes(StandardCharsets.UTF_8);
                resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
                resp.setContentType("text/plain;charset=utf-8");
                resp.setContentLength(msg.length);
                resp.getOutputStream().write(msg);
                return;
            }
        }
        chain.doFilter(req, resp);
    }

    static boolean sameOrigin(String origin, HttpServletRequest req) {
        try {
            URI o = URI.create(origin.strip());
            if (o.getHost() == null || !"http".equalsIgnoreCase(o.getScheme()) && !"https".equalsIgnoreCase(o.getScheme()))
                return false;
            int port = o.getPort() >= 0 ? o.getPort() : ("https".equalsIgnoreCase(o.getScheme()) ? 443 : 80);
            String host = req.getHeader("Host");
            if (host == null) return false;
            URI h = URI.create("http://" + host.strip());
            int hostPort = h.getPort() >= 0 ? h.getPort() : 80;
            return h.getHost() != null && h.getHost().toLowerCase(Locale.ROOT).equals(o.getHost().toLowerCase(Locale.ROOT))
                    && hostPort == port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
