package org.geokg.serve;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses request bodies above a limit with 413 before anything downstream sees them.
 * <p>
 * Without it Fuseki reads a whole query or update body into memory, parses it and writes it to the
 * request log, however large (Jetty's form limit alone is 25 MB). This filter is the first in the
 * chain, in front of Fuseki's dispatch, so an oversized body is neither parsed nor logged:
 * <ul>
 * <li>A declared {@code Content-Length} above the limit is refused at once, without reading.</li>
 * <li>A body without a length (chunked transfer encoding) is read here, at most limit+1 bytes; if
 *     it is longer it is refused, otherwise the request goes on with the buffered body (including
 *     form parameters, which are then parsed here since the container's stream is used up).</li>
 * </ul>
 * A refused request also gets {@code Connection: close}, so the server does not drain the rest.
 * The URL and headers are bounded separately by the Jetty request header size (see {@link KgServer}).
 */
public final class BodyLimitFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(BodyLimitFilter.class);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final long maxBytes;

    public BodyLimitFilter(long maxBytes) {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("body limit out of range: " + maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        long declared = req.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(req, resp, declared + " bytes");
            return;
        }
        if (declared < 0 && mayHaveUndeclaredBody(req)) {
            byte[] body = readAtMost(req.getInputStream(), (int) maxBytes + 1);
            if (body.length > maxBytes) {
                refuse(req, resp, "more than " + maxBytes + " bytes (chunked)");
                return;
            }
            chain.doFilter(new BufferedBodyRequest(req, body), resp);
            return;
        }
        chain.doFilter(req, resp);
    }

    /** A body without Content-Length: chunked, or (HTTP/1.0 style) one that runs to the end. */
    private static boolean mayHaveUndeclaredBody(HttpServletRequest req) {
        String te = req.getHeader("Transfer-Encoding");
        if (te != null && !te.isBlank()) return true;
        String m = req.getMethod();
        return "POST".equals(m) || "PUT".equals(m) || "PATCH".equals(m);
    }

    private void refuse(HttpServletRequest req, HttpServletResponse resp, String size) throws IOException {
        // Only the request line's path is logged: never the body, never the query string.
        LOG.info("413 {} {} from {}: body of {} is over the limit of {} bytes",
                req.getMethod(), req.getRequestURI(), req.getRemoteAddr(), size, maxBytes);
        if (resp.isCommitted()) return;
        resp.reset();
        resp.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        resp.setHeader("Connection", "close");
        resp.setContentType("text/plain;charset=utf-8");
        byte[] msg = ("Request body too large: the limit is " + maxBytes + " bytes (kg serve --max-body).\n")
                .getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(msg.length);
        resp.getOutputStream().write(msg);
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    /** The request with its (bounded) body already read into memory. */
    static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;
        private Map<String, String[]> params;
        private boolean streamUsed;
        private boolean readerUsed;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override public int getContentLength() { return body.length; }
        @Override public long getContentLengthLong() { return body.length; }

        @Override
        public ServletInputStream getInputStream() {
            if (readerUsed) throw new IllegalStateException("getReader() already called");
            streamUsed = true;
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override public int read() { return in.read(); }
                @Override public int read(byte[] b, int off, int len) { return in.read(b, off, len); }
                @Override public int available() { return in.available(); }
                @Override public boolean isFinished() { return in.available() == 0; }
                @Override public boolean isReady() { return true; }
                @Override public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            if (streamUsed) throw new IllegalStateException("getInputStream() already called");
            readerUsed = true;
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
        }

        private Charset charset() {
            String enc = getCharacterEncoding();
            try {
                return enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }

        private boolean isForm() {
            String ct = getContentType();
            return ct != null && ct.toLowerCase(Locale.ROOT).startsWith(FORM);
        }

        /** Query string parameters first, then those of a form body, as the servlet spec orders them. */
        private synchronized Map<String, String[]> params() {
            if (params == null) {
                Map<String, List<String>> acc = new LinkedHashMap<>();
                parseInto(acc, getQueryString(), StandardCharsets.UTF_8);
                if (isForm() && !streamUsed && !readerUsed)
                    parseInto(acc, new String(body, StandardCharsets.ISO_8859_1), charset());
                Map<String, String[]> m = new LinkedHashMap<>();
                acc.forEach((k, v) -> m.put(k, v.toArray(String[]::new)));
                params = Collections.unmodifiableMap(m);
            }
            return params;
        }

        private static void parseInto(Map<String, List<String>> acc, String encoded, Charset cs) {
            if (encoded == null || encoded.isEmpty()) return;
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                // The body was decoded as ISO-8859-1 so percent-escapes and raw bytes survive; re-decode.
                acc.computeIfAbsent(decode(k, cs), x -> new ArrayList<>()).add(decode(v, cs));
            }
        }

        private static String decode(String s, Charset cs) {
            String raw = new String(s.getBytes(StandardCharsets.ISO_8859_1), cs);
            try {
                return URLDecoder.decode(raw, cs);
            } catch (IllegalArgumentException e) {
                return raw;
            }
        }

        @Override public String getParameter(String name) {
            String[] v = params().get(name);
            return v == null || v.length == 0 ? null : v[0];
        }
        @Override public Map<String, String[]> getParameterMap() { return params(); }
        @Override public Enumeration<String> getParameterNames() { return Collections.enumeration(params().keySet()); }
        @Override public String[] getParameterValues(String name) {
            String[] v = params().get(name);
            return v == null ? null : v.clone();
        }
    }
}
