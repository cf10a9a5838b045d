package org.geokg.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A database path such as {@code var/db/kg} is a symbolic link to one complete generation, a sibling
 * directory {@code kg.<timestamp>}. A load builds a new generation beside it and only when that is
 * complete swings the link to it with one atomic rename, so a failed or interrupted load never
 * touches the database in use. The generation before the current one is kept (a running server
 * may still read it); older ones and unfinished builds are removed by the next load.
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

    /** Removes every generation but the current one and the newest earlier complete one. */
    public void pruneOld() {
        Optional<Path> cur = current();
        List<Path> complete = new ArrayList<>();
        List<Path> doomed = new ArrayList<>();
        for (Path g : siblings()) {
            if (cur.isPresent() && g.equals(cur.get())) continue;
            if (Files.isRegularFile(g.resolve(COMPLETE_MARKER))) complete.add(g);
            else doomed.add(g);
        }
        complete.sort(Comparator.comparing(Path::getFileName));
        if (!complete.isEmpty()) complete.remove(complete.size() - 1);
        doomed.addAll(complete);
        for (Path g : doomed)
            if (!servedByAnotherProcess(g)) deleteTree(g);
    }

    /**
     * Whether another live process has the generation open: TDB2 writes the PID of the process
     * using a database into its {@code tdb.lock}. A server keeps serving the generation it started
     * with, so however many loads happen meanwhile, its files must stay until it stops.
     */
    static boolean servedByAnotherProcess(Path generation) {
        Path lock = generation.resolve(KgStore.TDB_DIR).resolve("tdb.lock");
        try {
            long pid = Long.parseLong(Files.readString(lock).strip());
            return pid != ProcessHandle.current().pid()
                    && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
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

    /** An exclusive lock on this database path, so two loads never race. */
    public AutoCloseable lock() {
        try {
            Files.createDirectories(link.getParent());
            FileChannel ch = FileChannel.open(link.resolveSibling(link.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                ch.close();
                throw new StoreException("another 'kg load' is building " + link + "; wait for it to finish");
            }
            FileLock held = lock;
            return () -> { held.release(); ch.close(); };
        } catch (IOException e) {
            throw new StoreException("cannot lock " + link + ": " + e.getMessage(), e);
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
