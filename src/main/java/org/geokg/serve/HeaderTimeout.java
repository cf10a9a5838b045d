package org.geokg.serve;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request line and headers have not all arrived within a time limit.
 * <p>
 * Jetty's idle timeout restarts with every byte, so a client that sends its headers one byte at a
 * time ("slowloris") keeps a connection open indefinitely, and thousands of them hold sockets and
 * memory. Here each connection gets a deadline when it opens, and again after each response
 * (for the next request of a kept-alive connection); the deadline is cancelled once a request's
 * headers are complete, which is when Jetty calls the connector's customizers. A request body is
 * not covered: it is bounded by the body limit and the idle timeout.
 * <p>
 * Also a customizer: every response Jetty writes for a parsed request carries
 * {@code X-Content-Type-Options: nosniff}, also those written outside the servlets (see
 * {@link NoSniffFilter}); {@link NoSniffErrorHandler} covers requests Jetty could not parse.
 */
final class HeaderTimeout implements Connection.Listener, HttpConfiguration.Customizer {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderTimeout.class);

    private final long millis;
    private final Scheduler scheduler;
    private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();
    private final AtomicLong closed = new AtomicLong();

    HeaderTimeout(Duration timeout, Scheduler scheduler) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("header timeout must be positive");
        this.millis = timeout.toMillis();
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        arm(connection);
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task t = pending.remove(connection);
        if (t != null) t.cancel();
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        responseHeaders.put(NoSniffFilter.HEADER, NoSniffFilter.VALUE);
        Connection c = request.getConnectionMetaData().getConnection();
        Scheduler.Task t = pending.remove(c);
        if (t != null) t.cancel();
        // The next request on this connection gets its own deadline once this one is answered.
        Request.addCompletionListener(request, failure -> {
            if (c.getEndPoint().isOpen()) arm(c);
        });
        return request;
    }

    /** How many connections were closed for sending their headers too slowly (tests, measurements). */
    long closedCount() {
        return closed.get();
    }

    private void arm(Connection c) {
        Scheduler.Task task = scheduler.schedule(() -> expire(c), millis, TimeUnit.MILLISECONDS);
        Scheduler.Task before = pending.put(c, task);
        if (before != null) before.cancel();
    }

    private void expire(Connection c) {
        if (pending.remove(c) == null) return;
        long n = closed.incrementAndGet();
        // One line per hundred, not per connection: a flood of slow clients must not flood the log.
        if (n == 1 || n % 100 == 0)
            LOG.info("Closed a connection from {} that sent no complete request headers within {} ms ({} so far)",
                    c.getEndPoint().getRemoteSocketAddress(), millis, n);
        c.getEndPoint().close();
    }
}
