package org.geokg.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.jena.sparql.core.DatasetGraph;
import org.geokg.serve.GenerationSwitch.Generation;
import org.geokg.store.Generations;
import org.geokg.store.KgStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a database link ({@code var/db/kg}) while serving: when {@code kg load} or
 * {@code kg publish} points it at a new complete generation, opens that generation, switches the
 * served dataset to it ({@link GenerationSwitch}), waits until no request uses the old one any
 * more, closes it (which releases TDB2's lock on it) and removes it ({@link Generations#pruneOld}).
 * <p>
 * The link is polled, every {@link #POLL} by default: a rename of a symbolic link is one
 * system call, and polling sees it on every file system, local or not.
 */
final class GenerationWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationWatcher.class);
    /** How often the link is looked at; {@code -Dkg.serve.poll=MILLIS} changes it. */
    static final Duration POLL = Duration.ofMillis(Long.getLong("kg.serve.poll", 1000));
    /** How long to wait for the old generation's last request before saying so in the log. */
    private static final Duration SLOW_DRAIN = Duration.ofSeconds(60);

    private final Generations generations;
    private final Path configFile;
    private final GenerationSwitch target;
    private final ScheduledExecutorService poller;
    private volatile Path failedTarget;

    private GenerationWatcher(Generations generations, Path configFile, GenerationSwitch target) {
        this.generations = generations;
        this.configFile = configFile;
        this.target = target;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kg-generation-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts following {@code link}, whose current generation {@code target} already serves. */
    static GenerationWatcher start(Path link, Path configFile, GenerationSwitch target) {
        GenerationWatcher w = new GenerationWatcher(new Generations(link), configFile, target);
        w.poller.scheduleWithFixedDelay(w::checkQuietly, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return w;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("Cannot follow {}: {}", generations.link(), e.toString());
        }
    }

    /** One look at the link: switches when it points at a generation other than the served one. */
    void check() {
        Optional<Path> linked = generations.current();
        if (linked.isEmpty()) return;   // no complete generation (yet): keep serving what we have
        Path next = realPath(linked.get());
        if (next.equals(target.current().dir)) {
            failedTarget = null;
            return;
        }
        if (next.equals(failedTarget)) return;   // said once; wait for the next load
        Generation opened;
        long t0 = System.nanoTime();
        try {
            DatasetGraph dsg = KgStore.open(configFile, next).asDatasetGraph();
            opened = new Generation(next, generations.id(next), dsg);
        } catch (RuntimeException e) {
            failedTarget = next;
            LOG.error("Cannot open the new generation {}; still serving {}: {}", next, target.current().dir, e.toString());
            return;
        }
        Generation old = target.switchTo(opened);
        LOG.info("Switched to generation {} (was {}) in {} ms", opened, old, (System.nanoTime() - t0) / 1_000_000);
        retire(old);
    }

    /** Waits until no request uses {@code old}, then closes and removes it. */
    private void retire(Generation old) {
        long start = System.nanoTime();
        boolean warned = false;
        try {
            while (!old.idle()) {
                if (!warned && System.nanoTime() - start > SLOW_DRAIN.toNanos()) {
                    LOG.warn("Generation {} is still in use {} s after the switch; it is closed when its last request ends",
                            old, SLOW_DRAIN.toSeconds());
                    warned = true;
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();   // stopping: close it now, the server is going away
        }
        KgStore.close(old.dataset);
        LOG.info("Released generation {}", old);
        try {
            if (generations.pruneOldIfIdle()) LOG.info("Pruned old generations beside {}", generations.link());
        } catch (RuntimeException e) {
            LOG.warn("Cannot remove old generations beside {}: {}", generations.link(), e.toString());
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** Stops following the link; a switch in progress stops waiting and closes the old generation at once. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            if (!poller.awaitTermination(10, TimeUnit.SECONDS))
                LOG.warn("The generation watcher of {} did not stop in time", generations.link());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
