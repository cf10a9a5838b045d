package org.geokg.serve;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code --update}, the dataset URL ({@code /kg}) takes SPARQL updates as well as queries, as
 * the SPARQL protocol has one endpoint for both. Queries stay anonymous; an update there needs a
 * login from the operator's password file, like {@code /kg/update}. Fuseki can only protect a
 * whole URL (with its login on {@code /kg} every query below it would need one too), so the
 * update operation on the dataset URL is guarded here: a request {@link WriteRequests} calls a
 * write must come from a logged-in user, else Jetty's Basic challenge (401) answers it and
 * nothing runs.
 */
final class DatasetWriteLoginFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetWriteLoginFilter.class);

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (WriteRequests.isWriteOnDataset(req) && req.getRemoteUser() == null && !req.authenticate(resp)) {
            LOG.info("401 {} {} from {}: an update needs a login", req.getMethod(), req.getRequestURI(), req.getRemoteAddr());
            return;   // authenticate() has sent the challenge
        }
        chain.doFilter(req, resp);
    }
}
