package org.geokg.serve;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a client that checks the status never takes a failed answer for a complete one.
 * <p>
 * <b>Why.</b> Fuseki streams query results: a SELECT writes its results as the query engine
 * produces them. When the query timeout fires after the status line and the first part of the body
 * have gone out, Fuseki can no longer change the {@code 200 OK}; it appends "Query timed out" to the
 * body and ends the response normally. A client sees a 200 and a cut-off (or, for CSV, a plausible
 * looking) result. The same holds for any other failure after the response was committed.
 * <p>
 * <b>How.</b> The response body is held back in memory up to a bound:
 * <ul>
 * <li>If the request completes within the bound, the body is sent with a {@code Content-Length}.
 *     If it fails within the bound (Fuseki sets 503 for a timeout, 4xx/5xx for other errors) the
 *     held back partial result is discarded and the client gets the error status with only the
 *     error message. Because the wrapper reports "not committed" while it buffers, Fuseki's own
 *     error handling does the right thing.</li>
 * <li>Beyond the bound the response streams (so memory stays bounded). If a failure is reported
 *     after the status line went out, the connection is <em>aborted</em>: the chunked body is never
 *     terminated, so HTTP clients report an incomplete/truncated response instead of a 200 with
 *     garbage at the end. The error text Fuseki would have appended is suppressed.</li>
 * </ul>
 * Streaming writes are never {@code close()}d through to the container: closing would send the
 * final chunk and make a truncated body look complete before the failure is even known. The
 * container completes the response when the filter returns normally.
 */
public final class CompleteResponseFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(CompleteResponseFilter.class);

    private static final String TIMED_OUT = "Query timed out\n";

    private final int bufferLimit;

    public CompleteResponseFilter(long bufferLimit) {
        if (bufferLimit < 0 || bufferLimit > Integer.MAX_VALUE - 16)
            throw new IllegalArgumentException("buffer limit out of range: " + bufferLimit);
        this.bufferLimit = (int) bufferLimit;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        GuardedResponse guarded = new GuardedResponse(resp, bufferLimit);
        try {
            chain.doFilter(req, guarded);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            if (guarded.streamed() && resp.isCommitted()) {
                abort(req, "exception after the response was committed: " + e);
                return;
            }
            guarded.discard();
            throw e;
        }
        if (guarded.failedAfterCommit()) {
            abort(req, "HTTP " + guarded.lateStatus + " after " + guarded.bytesSent
                    + " bytes of the response had been sent");
            return;
        }
        if (guarded.finish())
            LOG.info("{} {}: query timed out after its first results; answered 503 with no partial result",
                    req.getMethod(), req.getRequestURI());
    }

    private static void abort(HttpServletRequest req, String why) throws IOException {
        LOG.warn("{} {}: {}; aborting the connection so the client sees an incomplete response",
                req.getMethod(), req.getRequestURI(), why);
        IOException failure = new IOException("response aborted: " + why);
        try {
            // Jetty: fail the exchange without the terminating chunk.
            ServletContextRequest.getServletContextRequest(req).getServletChannel().abort(failure);
        } catch (RuntimeException notJetty) {
            // Any container aborts a committed response when the filter chain throws.
            throw failure;
        }
    }

    /** The response wrapper: buffers the body up to a bound, then streams. */
    static final class GuardedResponse extends HttpServletResponseWrapper {
        private enum State { BUFFERING, STREAMING, FAILED }

        private final HttpServletResponse target;
        private final int limit;
        private State state = State.BUFFERING;
        private byte[] buf = new byte[256];
        private int count;
        long bytesSent;
        int lateStatus;
        /** An error status set while buffering. */
        private int errorStatus;
        private ServletOutputStream stream;
        private PrintWriter writer;

        GuardedResponse(HttpServletResponse target, int limit) {
            super(target);
            this.target = target;
            this.limit = limit;
        }

        boolean streamed() { return state != State.BUFFERING; }
        boolean failedAfterCommit() { return state == State.FAILED; }

        // ---- status: an error while buffering discards the partial body; after commit it is a failure.

        @Override public void setStatus(int sc) {
            if (noteStatus(sc)) target.setStatus(sc);
        }

        @Override public void sendError(int sc, String msg) throws IOException {
            if (noteStatus(sc)) {
                state = State.STREAMING;   // the container writes the error page itself
                target.sendError(sc, msg);
            }
        }

        @Override public void sendError(int sc) throws IOException {
            if (noteStatus(sc)) {
                state = State.STREAMING;
                target.sendError(sc);
            }
        }

        /** Returns whether the status may be passed on to the real response. */
        private boolean noteStatus(int sc) {
            if (state == State.FAILED) return false;
            if (sc < 400) return state == State.BUFFERING || !target.isCommitted();
            if (state == State.BUFFERING) {
                count = 0;            // drop the partial result; only the error message follows
                errorStatus = sc;
                return true;
            }
            if (!target.isCommitted()) {
                target.resetBuffer(); // still in the container's buffer: a clean error is possible
                return true;
            }
            state = State.FAILED;
            lateStatus = sc;
            return false;
        }

        @Override public boolean isCommitted() {
            return state == State.FAILED || (state == State.STREAMING && target.isCommitted());
        }

        @Override public void reset() {
            if (state == State.BUFFERING) {
                count = 0;
                target.reset();
            } else {
                target.reset();       // throws IllegalStateException once committed, as it should
            }
            writer = null;
            stream = null;
        }

        @Override public void resetBuffer() {
            if (state == State.BUFFERING) count = 0;
            else target.resetBuffer();
        }

        @Override public void flushBuffer() throws IOException {
            if (writer != null) writer.flush();
            if (state == State.STREAMING) target.flushBuffer();
            // BUFFERING: committing now would defeat the purpose; FAILED: nothing more goes out.
        }

        // ---- body

        @Override public ServletOutputStream getOutputStream() {
            if (stream == null) stream = new GuardedStream();
            return stream;
        }

        @Override public PrintWriter getWriter() {
            if (writer == null) {
                String enc = getCharacterEncoding();
                Charset cs;
                try {
                    cs = enc == null ? StandardCharsets.ISO_8859_1 : Charset.forName(enc);
                } catch (RuntimeException e) {
                    cs = StandardCharsets.UTF_8;
                }
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), cs), false);
            }
            return writer;
        }

        private void write(byte[] b, int off, int len) throws IOException {
            switch (state) {
                case FAILED -> { /* suppressed: the connection will be aborted */ }
                case BUFFERING -> {
                    if (count + len <= limit) {
                        ensure(count + len);
                        System.arraycopy(b, off, buf, count, len);
                        count += len;
                    } else {
                        state = State.STREAMING;
                        ServletOutputStream out = target.getOutputStream();
                        out.write(buf, 0, count);
                        out.write(b, off, len);
                        bytesSent += count + len;
                        count = 0;
                        buf = null;
                    }
                }
                case STREAMING -> {
                    target.getOutputStream().write(b, off, len);
                    bytesSent += len;
                }
            }
        }

        private void ensure(int size) {
            if (size > buf.length)
                buf = Arrays.copyOf(buf, Math.min(Math.max(size, buf.length * 2), Math.max(limit, size)));
        }

        /**
         * The request completed normally: send what was held back. Returns whether a late timeout
         * was turned into 503.
         */
        boolean finish() throws IOException {
            if (writer != null) writer.flush();
            if (state != State.BUFFERING) return false;
            if (target.isCommitted()) return false;
            boolean timeout = errorStatus == HttpServletResponse.SC_BAD_REQUEST && isTimeoutMessage();
            if (timeout) {
                // Fuseki reports a timeout that struck after the first results as 400 ("Query
                // cancelled due to timeout ... Incomplete results"). Held back, it is the same
                // event as a timeout before any result: 503, as Fuseki answers then.
                target.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                target.setContentType("text/plain;charset=utf-8");
                byte[] msg = TIMED_OUT.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(msg, 0, buf, 0, Math.min(msg.length, buf.length));
                count = Math.min(msg.length, buf.length);
            }
            if (count > 0) {
                target.setContentLength(count);
                target.getOutputStream().write(buf, 0, count);
            }
            count = 0;
            return timeout;
        }

        private boolean isTimeoutMessage() {
            return count > 0 && count < 4096
                    && new String(buf, 0, count, StandardCharsets.UTF_8).contains("Query cancelled due to timeout");
        }

        /** The request failed before anything was sent: forget the partial body. */
        void discard() {
            count = 0;
        }

        private final class GuardedStream extends ServletOutputStream {
            @Override public void write(int b) throws IOException {
                if (state == State.BUFFERING && count < limit) {
                    ensure(count + 1);
                    buf[count++] = (byte) b;
                } else {
                    GuardedResponse.this.write(new byte[] { (byte) b }, 0, 1);
                }
            }
            @Override public void write(byte[] b, int off, int len) throws IOException {
                GuardedResponse.this.write(b, off, len);
            }
            @Override public void flush() throws IOException {
                if (state == State.STREAMING) target.getOutputStream().flush();
            }
            @Override public void close() throws IOException {
                // Deliberately not closed through: see the class comment. Flush what is streaming.
                flush();
            }
            @Override public boolean isReady() { return true; }
            @Override public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("asynchronous output is not used by Fuseki");
            }
        }
    }
}
