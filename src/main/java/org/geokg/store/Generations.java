package org.geokg.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.dboe.base.file.ProcessFileLock;
import org.apache.jena.tdb2.sys.DatabaseConnection;

/**
 * A database path such as {@code var/db/kg} is a symbolic link to one complete generation, a sibling
 * directory {@code kg.<timestamp>}. A load builds a new generation beside it and only when that is
 * complete swings the link to it with one atomic rename, so a failed or interrupted load never
 * touches the database in use. A complete generation never changes again, so it can be copied
 * as it is to another database path ({@link #install}), e.g. a read replica's.
 * <p>
 * Generations other than the current one are removed ({@link #pruneOld}) unless a process still
 * has them open: a running server switches to the new generation and releases the old one, which
 * is then removed too.
 */
public final class Generations {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    /** Written last into a generation: its presence means the build completed. */
    public static final String COMPLETE_MARKER = "COMPLETE";

    private final Path link;

    public Generations(Path dbPath) {
        this.link = dbPath.toAbsolutePath().normalize();
    }

    public Path link() { return link; }

    /** The generation the link points to, if there is a complete one. */
    public Optional<Path> current() {
        if (!Files.isSymbolicLink(link)) {
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS))
                throw new StoreException(link + " exists but is not a database link made by 'kg load'; move it away");
            return Optional.empty();
        }
        try {
            Path target = link.resolveSibling(Files.readSymbolicLink(link)).normalize();
            return Files.isRegularFile(target.resolve(COMPLETE_MARKER)) ? Optional.of(target) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the current generation finished loading, if there is one. */
    public Optional<Instant> loadedAt() {
        return current().map(g -> {
            try {
                return Files.getLastModifiedTime(g.resolve(COMPLETE_MARKER)).toInstant();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A fresh, empty directory for a new generation, beside the link. */
    public Path newGeneration() {
        try {
            Files.createDirectories(link.getParent());
            Path dir = link.resolveSibling(link.getFileName() + "." + STAMP.format(Instant.now()));
            while (Files.exists(dir, LinkOption.NOFOLLOW_LINKS))
                dir = link.resolveSibling(dir.getFileName() + "x");
            return Files.createDirectory(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create a database directory beside " + link + ": " + e.getMessage(), e);
        }
    }

    /** Marks {@code generation} complete and makes it current, atomically. */
    public void publish(Path generation, String summary) {
        try {
            Files.writeString(generation.resolve(COMPLETE_MARKER), summary, StandardOpenOption.CREATE_NEW);
            Path tmp = link.resolveSibling(link.getFileName() + ".link-tmp");
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, generation.getFileName());
            try {
                Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StoreException("this file system cannot switch " + link + " atomically", e);
            }
        } catch (IOException e) {
            throw new StoreException("cannot switch " + link + " to the new database: " + e.getMessage(), e);
        }
    }

    /**
     * Removes every generation but the current one, except those a process still has open (a
     * running server that has not switched yet, a query in progress), and unfinished builds.
     * The caller holds {@link #lock()}, so no build is in progress.
     */
    public void pruneOld() {
        Optional<Path> cur = current();
        for (Path g : siblings()) {
            if (cur.isPresent() && g.equals(cur.get())) continue;
            if (!inUse(g)) deleteTree(g);
        }
    }

    /**
     * {@link #pruneOld} when no load holds the lock; otherwise nothing (that load prunes when it
     * finishes). For a server that has just released a generation.
     * @return whether it pruned
     */
    public boolean pruneOldIfIdle() {
        AutoCloseable held;
        try {
            held = lock(Duration.ZERO);
        } catch (StoreException busy) {
            return false;
        }
        try (AutoCloseable l = held) {
            pruneOld();
            return true;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether some process, this one included, has the generation's TDB2 database open. TDB2 holds
     * an operating-system lock on {@code tdb.lock} while a process uses a database (the PID it
     * writes there stays after release, so the lock is what counts). Asked through TDB2's own lock
     * object for the location: this process's lock on the file must not be dropped by opening and
     * closing a second channel on it.
     */
    public static boolean inUse(Path generation) {
        Path tdb = generation.resolve(KgStore.TDB_DIR);
        if (!Files.isDirectory(tdb)) return false;
        Location location = Location.create(tdb.toAbsolutePath().normalize());
        synchronized (Generations.class) {
            ProcessFileLock lock;
            try {
                lock = DatabaseConnection.lockForLocation(location);
                if (lock.isLockedHere()) return true;
                // Not held here: whatever lock object TDB2 left for the location (closing a database
                // can leave one whose channel is closed) is dropped, and a fresh one asks the OS.
                release(lock);
                lock = DatabaseConnection.lockForLocation(location);
            } catch (RuntimeException unreadable) {
                return false;
            }
            boolean free;
            try {
                free = lock.tryLock();
                if (free) lock.unlock();
            } catch (RuntimeException e) {
                free = false;
            }
            release(lock);
            return !free;
        }
    }

    private static void release(ProcessFileLock lock) {
        try {
            ProcessFileLock.release(lock);
        } catch (RuntimeException alreadyClosed) {
            // dropped from TDB2's table all the same
        }
    }

    /** The generation's name without the link's: {@code 20261203-080000-123} for {@code kg.20261203-080000-123}. */
    public String id(Path generation) {
        String name = generation.getFileName().toString();
        String prefix = link.getFileName() + ".";
        return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    }

    /** The current generation's {@link #id}, if there is one. */
    public Optional<String> currentId() {
        return current().map(this::id);
    }

    /**
     * Copies a complete generation of another database path here, under the same {@link #id},
     * and makes it current; a no-op when it already is. The copy is made beside the link and
     * switched to only once complete, like a load. Lock files are not copied.
     * The caller holds {@link #lock()}.
     * @return the generation now current here
     */
    public Path install(Path sourceGeneration, String sourceId) {
        if (!Files.isRegularFile(sourceGeneration.resolve(COMPLETE_MARKER)))
            throw new StoreException(sourceGeneration + " is not a complete generation");
        Path target = link.resolveSibling(link.getFileName() + "." + sourceId);
        Optional<Path> cur = current();
        if (cur.isPresent() && cur.get().equals(target)) return target;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (inUse(target))
                throw new StoreException(target + " exists and is in use; cannot install " + sourceGeneration + " over it");
            deleteTree(target);
        }
        Path partial = link.resolveSibling(link.getFileName() + ".copy-" + sourceId);
        deleteTree(partial);
        String summary;
        try {
            Files.createDirectories(link.getParent());
            copyTree(sourceGeneration, partial);
            summary = Files.readString(sourceGeneration.resolve(COMPLETE_MARKER));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            throw new StoreException("cannot copy " + sourceGeneration + " to " + target + ": " + e.getMessage(), e);
        }
        publish(target, summary);
        return target;
    }

    /** Files a database process writes for itself, never part of a copy. */
    private static final Set<String> LOCK_FILES = Set.of("tdb.lock", "write.lock");

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path src : (Iterable<Path>) s::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS)) Files.createDirectories(dst);
                else if (src.getFileName().toString().equals(COMPLETE_MARKER) && src.getParent().equals(from)) continue;
                else if (!LOCK_FILES.contains(src.getFileName().toString())) Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** Generation directories beside the link, complete or not, never the link itself. */
    private List<Path> siblings() {
        String prefix = link.getFileName() + ".";
        if (!Files.isDirectory(link.getParent())) return List.of();
        try (Stream<Path> s = Files.list(link.getParent())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> !p.getFileName().toString().endsWith(".lock"))
                    .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Database paths whose lock this process holds (see {@link #lock(Duration)}). */
    private static final Set<Path> LOCKED_HERE = ConcurrentHashMap.newKeySet();

    /**
     * An exclusive lock on this database path, so two builds (loads, installs) never race and no
     * generation is removed while one is built. Waits a few seconds for it: a server that has just
     * switched holds it for the moment it takes to remove the old generation.
     */
    public AutoCloseable lock() {
        return lock(Duration.ofSeconds(5));
    }

    /**
     * {@link #lock()}, waiting at most {@code wait} for another holder.
     * @throws StoreException when another build holds the lock for longer
     */
    public AutoCloseable lock(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            AutoCloseable held = tryLockOnce();
            if (held != null) return held;
            if (System.nanoTime() >= deadline)
                throw new StoreException("another 'kg load' or 'kg publish' is building " + link + "; wait for it to finish");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting for the lock on " + link);
            }
        }
    }

    private AutoCloseable tryLockOnce() {
        // Within this process first: closing a second channel on the lock file would drop the
        // process's lock on it (POSIX locks belong to the process, not to the channel).
        if (!LOCKED_HERE.add(link)) return null;
        try {
            Files.createDirectories(link.getParent());
            FileChannel ch = FileChannel.open(link.resolveSibling(link.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                ch.close();
                LOCKED_HERE.remove(link);
                return null;
            }
            return () -> {
                try {
                    lock.release();
                    ch.close();
                } finally {
                    LOCKED_HERE.remove(link);
                }
            };
        } catch (IOException e) {
            LOCKED_HERE.remove(link);
            throw new StoreException("cannot lock " + link + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            LOCKED_HERE.remove(link);
            throw e;
        }
    }

    /** The newest modification time of any regular file below the given paths. */
    public static FileTime newestFile(Path... roots) {
        FileTime newest = FileTime.fromMillis(0);
        for (Path root : roots) {
            if (!Files.exists(root)) continue;
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    FileTime t = Files.getLastModifiedTime(p);
                    if (t.compareTo(newest) > 0) newest = t;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return newest;
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    Files.delete(f);
                    return FileVisitResult.CONTINUE;
                }
                @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
