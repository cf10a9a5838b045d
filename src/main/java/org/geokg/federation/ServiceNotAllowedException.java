package org.geokg.federation;

import org.apache.jena.query.QueryDeniedException;

/** A SERVICE call refused before anything was sent: its endpoint is not on the allow-list. */
public final class ServiceNotAllowedException extends QueryDeniedException {
    private static final long serialVersionUID = 1L;

    public ServiceNotAllowedException(String message) {
        super(message);
    }
}
