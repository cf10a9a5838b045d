package org.geokg.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

import org.junit.jupiter.api.Test;

/** Which failures end a command as "out of disk space" (exit 3) or "out of memory" (exit 4): these only. */
class ResourceFailureTest {
    private static final String MAPPED_FILE_FAULT =
            "a fault occurred in a recent unsafe memory access operation in compiled Java code";

    private static ResourceFailure whileWriting(Throwable t) {
        return assertThrows(ResourceFailure.class,
                () -> ResourceFailure.rethrowIfAny(t, "kg load", "the new database in var/db", "var/db/kg is unchanged"));
    }

    private static void notAResourceFailure(Throwable t) {
        assertDoesNotThrow(() -> ResourceFailure.rethrowIfAny(t, "kg load", "the new database in var/db", "var/db/kg is unchanged"));
        assertTrue(ResourceFailure.of(t, "kg load").isEmpty(), t.toString());
    }

    @Test
    void noSpaceLeftOnDeviceIsFoundUnderTheWrappersJenaPutsAroundIt() {
        RuntimeException assembler = new RuntimeException("caught: Failed to get a lock",
                new IllegalStateException("Failed to get a lock", new IOException("No space left on device")));
        ResourceFailure f = whileWriting(assembler);
        assertEquals("kg load: out of disk space while writing the new database in var/db; var/db/kg is unchanged", f.getMessage());
        assertEquals(3, f.exitCode());
    }

    @Test
    void aFaultInAMemoryMappedFileIsADiskFullOnlyWhereTheCommandWritesADatabase() {
        ResourceFailure f = whileWriting(new InternalError(MAPPED_FILE_FAULT));
        assertEquals(3, f.exitCode());
        // A command that only reads a database: a damaged or truncated file, not a full disk.
        assertTrue(ResourceFailure.of(new InternalError(MAPPED_FILE_FAULT), "kg query").isEmpty());
    }

    @Test
    void outOfMemorySaysHowLargeTheHeapIsAndHowToRaiseIt() {
        ResourceFailure f = whileWriting(new OutOfMemoryError("Java heap space"));
        long mib = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        assertEquals("kg load: out of memory (the Java heap is limited to " + mib
                + " MiB; raise it with KG_HEAP, e.g. KG_HEAP=2g); var/db/kg is unchanged", f.getMessage());
        assertEquals(4, f.exitCode());
        assertEquals("kg query: out of memory (Map failed)",
                ResourceFailure.of(new OutOfMemoryError("Map failed"), "kg query").orElseThrow().getMessage());
    }

    @Test
    void aCleanupThatFailsAfterTheResourceRanOutDoesNotHideIt() {
        IllegalStateException abortFailed = new IllegalStateException("Not in an active transaction");
        abortFailed.addSuppressed(new OutOfMemoryError("Java heap space"));
        assertEquals(4, whileWriting(abortFailed).exitCode());
        RuntimeException cleanupAfterFullDisk = new RuntimeException(new IOException("No space left on device"));
        cleanupAfterFullDisk.addSuppressed(new OutOfMemoryError("Java heap space"));
        assertEquals(4, whileWriting(cleanupAfterFullDisk).exitCode(), "out of memory is said first");
    }

    @Test
    void anyCommandThatCannotWriteAFileForLackOfSpaceSaysWhichFile() {
        var f = ResourceFailure.of(new UncheckedIOException(new FileSystemException("out.trig", null, "No space left on device")),
                "kg export").orElseThrow();
        assertEquals("kg export: out of disk space while writing out.trig (No space left on device)", f.getMessage());
        assertEquals(3, f.exitCode());
    }

    @Test
    void everyOtherFailureKeepsItsOwnHandling() {
        notAResourceFailure(new IOException("Permission denied"));
        notAResourceFailure(new UncheckedIOException(new FileSystemException("x", null, "Read-only file system")));
        notAResourceFailure(new InternalError("something else"));
        notAResourceFailure(new StackOverflowError());
        notAResourceFailure(new IllegalStateException("No space left on device, says a message that is no I/O error"));
    }
}
