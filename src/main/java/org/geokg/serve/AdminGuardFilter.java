package org.geokg.serve;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the administration area {@code /$/...}: it answers only requests from this machine, even
 * when the server listens on all interfaces, and only to reading methods. The admin servlets we
 * install are read-only ({@code /$/server}, {@code /$/datasets}, {@code /$/ping}, {@code /$/stats});
 * this filter makes sure nothing can create, delete, back up or compact a dataset even if a module
 * adds such a servlet.
 * <p>
 * Note: "this machine" is the TCP peer address. Behind a reverse proxy on the same host every
 * request looks local, so such a proxy must not forward {@code /$/}.
 */
public final class AdminGuardFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AdminGuardFilter.class);
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (!isLoopback(req.getRemoteAddr())) {
            LOG.info("403 {} {} from {}: the admin area answers to localhost only",
                    req.getMethod(), req.getRequestURI(), req.getRemoteAddr());
            send(resp, HttpServletResponse.SC_FORBIDDEN, "The admin area /$/ answers only to requests from localhost.");
            return;
        }
        if (!READ_METHODS.contains(req.getMethod())) {
            LOG.info("405 {} {}: the admin area is read-only", req.getMethod(), req.getRequestURI());
            resp.setHeader("Allow", "GET, HEAD, OPTIONS");
            send(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "The admin area is read-only: datasets are built with 'kg load', not over HTTP.");
            return;
        }
        chain.doFilter(req, resp);
    }

    static boolean isLoopback(String addr) {
        if (addr == null || addr.isEmpty()) return false;
        String a = addr.startsWith("[") && addr.endsWith("]") ? addr.substring(1, addr.length() - 1) : addr;
        // Only IP literals are accepted: InetAddress does no name lookup for them.
        boolean ipv6 = a.contains(":");
        boolean ipv4 = a.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!ipv6 && !ipv4) return false;
        try {
            return InetAddress.getByName(a).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void send(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=utf-8");
        byte[] b = (message + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(b.length);
        resp.getOutputStream().write(b);
    }
}
