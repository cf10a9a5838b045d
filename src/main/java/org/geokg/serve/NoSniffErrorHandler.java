package org.geokg.serve;

import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's server-wide error page (a request line too long, headers too large, a malformed
 * request: answered before any servlet or customizer runs), with {@code X-Content-Type-Options:
 * nosniff} like every other response.
 */
final class NoSniffErrorHandler extends ErrorHandler {
    @Override
    protected void generateCacheControl(Response response) {
        super.generateCacheControl(response);
        response.getHeaders().put(NoSniffFilter.HEADER, NoSniffFilter.VALUE);
    }
}
