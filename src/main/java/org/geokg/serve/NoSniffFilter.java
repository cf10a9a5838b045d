package org.geokg.serve;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * {@code X-Content-Type-Options: nosniff} on every response of the servlets: a browser must take
 * a query result or an error message for what its Content-Type says, never sniff it into HTML or
 * script (an error message can echo part of the query). The header is put back if a later step
 * resets the response (the body-limit refusal does). Responses Jetty writes before any servlet
 * runs (a malformed request line, headers too large) get it from the connector's customizer.
 */
final class NoSniffFilter extends HttpFilter {
    static final String HEADER = "X-Content-Type-Options";
    static final String VALUE = "nosniff";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        resp.setHeader(HEADER, VALUE);
        chain.doFilter(req, new HttpServletResponseWrapper(resp) {
            @Override
            public void reset() {
                super.reset();
                setHeader(HEADER, VALUE);
            }
        });
    }
}
