package org.geokg.serve;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The note a running {@code kg serve} leaves beside its database link ({@code var/db/kg.server}):
 * its process and where it answers on this machine. TDB2 lets one process open a database, so
 * {@code kg query}, {@code kg export} and {@code kg publish} read this to go through the server
 * that holds it instead. Only loopback addresses are ever written or followed.
 *
 * @param pid        the server's process
 * @param sparql     its SPARQL query endpoint, e.g. {@code http://127.0.0.1:3030/kg/sparql}
 * @param graphStore its read-only Graph Store endpoint ({@code /kg/get})
 * @param ready      its readiness check ({@code /ready})
 */
public record RunningServer(long pid, URI sparql, URI graphStore, URI ready) {
    private static final String SUFFIX = ".server";

    /** Where the note for the database at {@code dbDir} lives. */
    public static Path noteFor(Path dbDir) {
        Path abs = dbDir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + SUFFIX);
    }

    /** The server holding {@code dbDir}, if a live process left a note for it. */
    public static Optional<RunningServer> find(Path dbDir) {
        Path note = noteFor(dbDir);
        if (!Files.isRegularFile(note)) return Optional.empty();
        return read(note).filter(s -> s.isLoopback()
                && ProcessHandle.of(s.pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Whether every address is on this machine (127.0.0.0/8, ::1, localhost). */
    boolean isLoopback() {
        for (URI u : new URI[] { sparql, graphStore, ready }) {
            String h = u.getHost();
            if (!"http".equals(u.getScheme()) || h == null) return false;
            if (!(h.startsWith("127.") || h.equals("localhost") || h.equals("[::1]") || h.equals("::1"))) return false;
        }
        return true;
    }

    /** Writes the note for {@code dbDir}, replacing any other atomically. */
    void write(Path dbDir) throws IOException {
        Path note = noteFor(dbDir);
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("sparql", sparql.toString());
        p.setProperty("graphStore", graphStore.toString());
        p.setProperty("ready", ready.toString());
        Path tmp = note.resolveSibling(note.getFileName() + ".tmp-" + pid);
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "written by kg serve; removed when it stops");
        }
        try {
            Files.move(tmp, note, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, note, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Removes the note for {@code dbDir} if it is this server's (another may have started since). */
    void remove(Path dbDir) {
        Optional<RunningServer> there = read(noteFor(dbDir));
        if (there.isPresent() && there.get().pid == pid) {
            try {
                Files.deleteIfExists(noteFor(dbDir));
            } catch (IOException ignored) {
                // a stale note names a dead process and is ignored
            }
        }
    }

    private static Optional<RunningServer> read(Path note) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(note, StandardCharsets.UTF_8)) {
            p.load(r);
            return Optional.of(new RunningServer(Long.parseLong(p.getProperty("pid", "")), URI.create(p.getProperty("sparql", "")),
                    URI.create(p.getProperty("graphStore", "")), URI.create(p.getProperty("ready", ""))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
