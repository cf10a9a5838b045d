package org.geokg.serve;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells a request that may change the data from one that only reads. The dataset's own URL
 * ({@code /kg}) answers queries for everyone and, with {@code --update}, SPARQL updates for the
 * operator's users, as the SPARQL protocol describes one endpoint for both; the CORS and
 * cross-site guards need to know which of the two a request is.
 */
final class WriteRequests {
    static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final String SPARQL_UPDATE = "application/sparql-update";
    private static final String FORM = "application/x-www-form-urlencoded";

    private WriteRequests() {}

    /** On a write-only endpoint ({@code /kg/update}, {@code /kg/data}): everything but GET, HEAD, OPTIONS. */
    static boolean isWriteMethod(HttpServletRequest req) {
        return !READ_METHODS.contains(req.getMethod());
    }

    /**
     * On the dataset URL: a SPARQL update (direct {@code application/sparql-update} body, or a form
     * with an {@code update} field), or a Graph Store write (PUT, DELETE, PATCH, or a POST of RDF).
     * A query by POST (form with {@code query}, or {@code application/sparql-query}) is a read.
     */
    static boolean isWriteOnDataset(HttpServletRequest req) {
        if (!isWriteMethod(req)) return false;
        if (!"POST".equals(req.getMethod())) return true;
        String ct = mediaType(req.getContentType());
        if (ct.equals("application/sparql-query")) return false;
        if (ct.equals(SPARQL_UPDATE)) return true;
        if (ct.equals(FORM)) return req.getParameter("update") != null || req.getParameter("query") == null;
        return true;   // anything else posted to the dataset is a Graph Store upload
    }

    private static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
