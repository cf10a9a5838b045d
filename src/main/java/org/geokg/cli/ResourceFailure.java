package org.geokg.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * A command that ran out of disk space or of memory. It ends with one line that says so and an
 * exit code of its own ({@link #NO_SPACE}, {@link #NO_MEMORY}), instead of the stack trace of
 * whatever happened to be running when the resource ran out.
 * <p>
 * Only these failures are recognised, by the types in the cause chain: an
 * {@link OutOfMemoryError}; an {@link IOException} saying "No space left on device" (or "Disk
 * quota exceeded"); and, in a command that writes a database, the {@link InternalError} "a fault
 * occurred in an unsafe memory access operation", which is how the JVM reports a page of a
 * memory-mapped file (TDB2's indexes) that the file system could not allocate. Every other error
 * keeps its own handling.
 */
final class ResourceFailure extends RuntimeException {
    /** Exit code of a command that ran out of disk space. */
    static final int NO_SPACE = 3;
    /** Exit code of a command that ran out of memory. */
    static final int NO_MEMORY = 4;

    private final int exitCode;

    private ResourceFailure(String line, int exitCode) {
        // No stack trace: the line is all that is printed, and after an OutOfMemoryError the less
        // this allocates, the better.
        super(line, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() { return exitCode; }

    /** Prints the one line and gives the command's exit code. */
    int report(java.io.PrintWriter err) {
        err.println(getMessage());
        return exitCode;
    }

    /**
     * Throws the one-line failure when {@code failure} is a resource failure of a command that
     * writes a database; returns otherwise, for the caller to rethrow {@code failure} as it is.
     *
     * @param command   the command, {@code "kg load"}
     * @param writing   what it was writing, {@code "the new database in /p/var/db"}
     * @param unchanged what is as it was, {@code "/p/var/db/kg is unchanged"}
     */
    static void rethrowIfAny(Throwable failure, String command, String writing, String unchanged) {
        Throwable cause = cause(failure, true);
        if (cause == null) return;
        throw cause instanceof OutOfMemoryError oom
                ? new ResourceFailure(command + ": " + outOfMemory(oom) + "; " + unchanged, NO_MEMORY)
                : new ResourceFailure(command + ": out of disk space while writing " + writing + "; " + unchanged, NO_SPACE);
    }

    /**
     * The one-line failure for any command, when {@code failure} is running out of memory or an
     * I/O error for lack of space (or is already such a line, made by the command itself). A fault in a memory-mapped file is not one here: in a command
     * that only reads, it means a damaged or truncated file, not a full disk.
     */
    static Optional<ResourceFailure> of(Throwable failure, String command) {
        if (failure instanceof ResourceFailure made) return Optional.of(made); // a command's own line
        Throwable cause = cause(failure, false);
        if (cause == null) return Optional.empty();
        if (cause instanceof OutOfMemoryError oom)
            return Optional.of(new ResourceFailure(command + ": " + outOfMemory(oom), NO_MEMORY));
        String file = "", why = cause.getMessage();
        if (cause instanceof FileSystemException fse && fse.getFile() != null) {
            file = " while writing " + fse.getFile();
            if (fse.getReason() != null) why = fse.getReason();
        }
        return Optional.of(new ResourceFailure(command + ": out of disk space" + file + " (" + why + ")", NO_SPACE));
    }

    private static String outOfMemory(OutOfMemoryError oom) {
        String what = String.valueOf(oom.getMessage());
        if (what.contains("heap") || what.contains("GC overhead"))
            return "out of memory (the Java heap is limited to " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MiB; raise it with KG_HEAP, e.g. KG_HEAP=2g)";
        return "out of memory (" + what + ")";
    }

    /**
     * The out-of-memory error or out-of-space failure in {@code t}'s causes and suppressed
     * exceptions (a cleanup that failed after it may be the one thrown), or null.
     */
    private static Throwable cause(Throwable t, boolean writesMappedFiles) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(t);
        Throwable noSpace = null;
        while (!todo.isEmpty()) {
            Throwable e = todo.poll();
            if (!seen.add(e)) continue;
            // Out of memory wins: whatever failed for lack of space after it did so while cleaning up.
            if (e instanceof OutOfMemoryError) return e;
            if (noSpace == null && (isNoSpace(e) || writesMappedFiles && isMappedFileFault(e))) noSpace = e;
            if (e.getCause() != null) todo.add(e.getCause());
            Collections.addAll(todo, e.getSuppressed());
        }
        return noSpace;
    }

    private static boolean isNoSpace(Throwable e) {
        if (!(e instanceof IOException)) return false;
        String m = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (m == null) m = e.getMessage();
        return m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"));
    }

    private static boolean isMappedFileFault(Throwable e) {
        return e instanceof InternalError && e.getMessage() != null && e.getMessage().contains("unsafe memory access");
    }
}
