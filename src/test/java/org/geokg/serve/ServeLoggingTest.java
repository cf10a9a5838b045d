package org.geokg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.core.util.FileSize;

/** The server log rolls by size and keeps under its total cap, however much is logged. */
class ServeLoggingTest {
    @TempDir Path tmp;

    @Test
    void theLogRollsBySizeUnderItsTotalCap() throws IOException {
        System.setProperty(ServeLogging.MAX_TOTAL_PROPERTY, "1MB");
        Logger log = LoggerFactory.getLogger("org.geokg.serve.ServeLoggingTest");
        String line = "x".repeat(1000);
        try (ServeLogging logging = ServeLogging.toDirectory(tmp)) {
            for (int i = 0; i < 2500; i++) {
                log.info("{} {}", i, line);
            }
        } finally {
            System.clearProperty(ServeLogging.MAX_TOTAL_PROPERTY);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(tmp)) {
            files = s.toList();
        }
        long total = files.stream().mapToLong(ServeLoggingTest::size).sum();
        assertTrue(files.size() > 1, "the log never rolled: " + files);
        assertTrue(files.size() <= ServeLogging.ARCHIVES + 1, "more files than the cap allows: " + files);
        // 2.5 MB were logged; what is kept stays under the 1 MB cap (each file may pass its share by one line).
        assertTrue(total <= FileSize.MB_COEFFICIENT + (ServeLogging.ARCHIVES + 1) * 1100, total + " bytes kept under a cap of 1 MB: " + files);
        assertTrue(Files.readString(tmp.resolve(ServeLogging.LOG_FILE)).contains("2499 x"), "the newest line is not in the current file");
    }

    @Test
    void theCapIsASizeOfAtLeastOneMegabyte() {
        assertEquals(100 * FileSize.MB_COEFFICIENT, ServeLogging.maxTotal(null, null).getSize());
        assertEquals(FileSize.GB_COEFFICIENT, ServeLogging.maxTotal(null, "1GB").getSize());
        assertEquals(5 * FileSize.MB_COEFFICIENT, ServeLogging.maxTotal("5MB", "1GB").getSize());
        assertThrows(ServeException.class, () -> ServeLogging.maxTotal("lots", null));
        assertThrows(ServeException.class, () -> ServeLogging.maxTotal("10kb", null));
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
