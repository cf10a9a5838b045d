package org.geokg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.geokg.TestProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command that runs out of memory while it builds a database ends with one line on stderr that
 * says so and how to raise the heap, exits 4, and leaves the previous database exactly as it was.
 * <p>
 * The memory runs out for real, in a JVM with a 32 MiB heap, on a table with one cell larger than
 * the whole heap: it comes at once, where a large table would take minutes of garbage collection
 * to get there.
 */
class OutOfMemoryTest {
    private static final List<String> SMALL_HEAP = List.of("-Xmx32m");
    private static final int CELL_CHARS = 40 * 1024 * 1024;

    @TempDir static Path tmp;
    static TestProject project;
    static Path link;

    @BeforeAll
    static void aLoadedDatabaseThenATableLargerThanTheHeap() throws Exception {
        project = TestProject.fixture(tmp.resolve("p"));
        link = project.layout.defaultDb();
        KgProcess.Run first = KgProcess.run(project, tmp, Map.of(), "load");
        assertEquals(0, first.exit(), first.err());
        try (Writer w = Files.newBufferedWriter(project.data("statements.csv"), StandardCharsets.UTF_8,
                StandardOpenOption.APPEND)) {
            w.write("t-huge,treaty,party,atlantis,fact,,,,,fixture,1,Atlantis and Lemuria signed a treaty,");
            for (int i = 0; i < CELL_CHARS / 1024; i++) w.write("x".repeat(1024));
            w.write("\n");
        }
    }

    @Test
    void aLoadThatRunsOutOfMemoryEndsInOneLineAndLeavesThePreviousDatabase() throws Exception {
        DatabaseSnapshot before = DatabaseSnapshot.of(link);
        KgProcess.Run r = kgWithASmallHeap("load");
        assertEquals(4, r.exit(), r.err());
        assertEquals("kg load: out of memory (the Java heap is limited to N MiB; raise it with KG_HEAP, e.g. KG_HEAP=2g); "
                + link + " is unchanged\n", heapSizeAsN(r.err()));
        assertFalse(r.out().contains("\tat "), r.out());
        assertEquals(before, DatabaseSnapshot.of(link));
    }

    @Test
    void validateThatRunsOutOfMemoryEndsInOneLineAndLeavesNoScratchDatabase() throws Exception {
        DatabaseSnapshot before = DatabaseSnapshot.of(link);
        KgProcess.Run r = kgWithASmallHeap("validate");
        assertEquals(4, r.exit(), r.err());
        assertEquals("kg validate: out of memory (the Java heap is limited to N MiB; raise it with KG_HEAP, e.g. KG_HEAP=2g); "
                + "no database was changed\n", heapSizeAsN(r.err()));
        assertFalse(r.out().contains("\tat "), r.out());
        assertEquals(before, DatabaseSnapshot.of(link));
        assertEquals(List.of(), list(project.layout.tmpDir()), "the scratch database is removed");
    }

    @Test
    void serveThatRunsOutOfMemoryWhileLoadingEndsInOneLineAndServesNothing() throws Exception {
        DatabaseSnapshot before = DatabaseSnapshot.of(link);
        KgProcess.Run r = kgWithASmallHeap("serve", "--port", "0");
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.out().startsWith("data/, ontology/ or mappings/ changed since the last load: loading"), r.out());
        assertEquals("kg serve: out of memory (the Java heap is limited to N MiB; raise it with KG_HEAP, e.g. KG_HEAP=2g); "
                + link + " is unchanged; nothing is served\n", heapSizeAsN(r.err()));
        assertFalse(r.out().contains("\tat "), r.out());
        assertEquals(before, DatabaseSnapshot.of(link));
    }

    private static KgProcess.Run kgWithASmallHeap(String... args) throws IOException, InterruptedException {
        return KgProcess.run(project, tmp, Map.of(), SMALL_HEAP, args);
    }

    /** The line with the heap's size (32 MiB less what the garbage collector keeps aside) as N, after checking it. */
    private static String heapSizeAsN(String err) {
        var m = java.util.regex.Pattern.compile("limited to (\\d+) MiB").matcher(err);
        if (m.find()) assertTrue(Integer.parseInt(m.group(1)) <= 32, err);
        return err.replaceFirst("limited to \\d+ MiB", "limited to N MiB");
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
