package org.geokg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.geokg.TestProject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that runs out of disk space while it builds a database ends with one line on stderr
 * that says so, exits 3, removes what it had written and leaves the previous database exactly as
 * it was.
 * <p>
 * The disk is a small tmpfs mounted on the project's state directory (var/), filled with a file
 * up to what each test leaves free: so this needs root on Linux, and is skipped, saying why,
 * where it cannot mount. How far the build gets depends on the space left: with none, TDB2
 * cannot even write its lock file (an IOException); with a little, the fault comes from a page
 * of a memory-mapped index (an InternalError).
 */
class OutOfDiskSpaceTest {
    @TempDir static Path tmp;
    static TestProject project;
    static Path state;
    static Path link;
    static boolean mounted;

    @BeforeAll
    static void aLoadedDatabaseOnASmallDisk() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "needs Linux to mount a small tmpfs");
        project = TestProject.fixture(tmp.resolve("p"));
        state = project.layout.state();
        link = project.layout.defaultDb();
        Files.createDirectories(state);
        String said = run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", state.toString());
        assumeTrue(said == null, () -> "needs to mount a small tmpfs on the state directory (root on Linux); mount said: " + said);
        mounted = true;
        KgProcess.Run first = KgProcess.run(project, tmp, Map.of(), "load");
        assertEquals(0, first.exit(), first.err());
    }

    @AfterEach
    void freeTheDisk() throws IOException {
        Files.deleteIfExists(filler());
    }

    @AfterAll
    static void unmount() throws Exception {
        if (!mounted) return;
        if (run("umount", state.toString()) != null) run("umount", "-l", state.toString());
    }

    @Test
    void aLoadOnAFullDiskEndsInOneLineAndLeavesThePreviousDatabase() throws Exception {
        aLoadWithThisMuchSpaceLeftEndsInOneLineAndLeavesThePreviousDatabase(0);
    }

    @Test
    void aLoadThatFillsTheDiskHalfWayEndsInOneLineAndLeavesThePreviousDatabase() throws Exception {
        aLoadWithThisMuchSpaceLeftEndsInOneLineAndLeavesThePreviousDatabase(256 * 1024);
    }

    private static void aLoadWithThisMuchSpaceLeftEndsInOneLineAndLeavesThePreviousDatabase(long bytesFree) throws Exception {
        leaveFree(bytesFree);
        DatabaseSnapshot before = DatabaseSnapshot.of(link);
        KgProcess.Run r = KgProcess.run(project, tmp, Map.of(), "load");
        assertEquals(3, r.exit(), r.err());
        assertEquals("kg load: out of disk space while writing the new database in " + link.getParent() + "; "
                + link + " is unchanged\n", r.err());
        assertFalse(r.out().contains("\tat "), r.out());
        assertEquals(before, DatabaseSnapshot.of(link));
    }

    @Test
    void validateWritesNoDatabaseSoAFullDiskDoesNotStopIt() throws Exception {
        leaveFree(0);
        KgProcess.Run r = KgProcess.run(project, tmp, Map.of(), "validate");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("valid: "), r.out());
    }

    @Test
    void validateThatSpillsOntoAFullDiskEndsInOneLineAndLeavesNoScratchFiles() throws Exception {
        leaveFree(0);
        DatabaseSnapshot before = DatabaseSnapshot.of(link);
        // The shapes' check keeps what it reads in memory up to a bound, then sorts through files:
        // spilling after 50 triples makes even the small fixture need the disk.
        KgProcess.Run r = KgProcess.run(project, tmp, Map.of(), List.of("-Dkg.shapes.spillAfter=50"), "validate");
        assertEquals(3, r.exit(), r.err());
        assertEquals("kg validate: out of disk space while writing its scratch files in " + project.layout.tmpDir()
                + "; no database was changed\n", r.err());
        assertFalse(r.out().contains("\tat "), r.out());
        assertEquals(before, DatabaseSnapshot.of(link));
        assertEquals(List.of(), list(project.layout.tmpDir()), "the scratch files are removed");
    }

    private static Path filler() {
        return state.resolve("filler");
    }

    /** Fills the disk with a file until writing fails, then gives {@code bytes} back. */
    private static void leaveFree(long bytes) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(filler(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            try {
                while (true) {
                    zeros.clear();
                    while (zeros.hasRemaining()) ch.write(zeros);
                }
            } catch (IOException full) {
                assertEquals("No space left on device", full.getMessage(), "the filler stops when the disk is full");
            }
            ch.truncate(Math.max(0, ch.size() - bytes));
        }
    }

    /** Runs a system command; null when it succeeded, else what it printed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notThere) {
            return notThere.getMessage();
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return command[0] + " did not finish";
        }
        return p.exitValue() == 0 ? null : said + " (exit " + p.exitValue() + ")";
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
