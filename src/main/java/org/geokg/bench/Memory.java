package org.geokg.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Peak resident memory of a process and space on disk, as the operating system reports them (Linux). */
public final class Memory {
    private Memory() {}

    /** The peak resident set size of a live process ({@code VmHWM}), in bytes; -1 when unknown. */
    public static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
                if (line.startsWith("VmHWM:"))
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The space a directory takes on disk, as {@code du -sk} counts it (allocated blocks, so sparse
     * files count for what they hold); its files' sizes added up when {@code du} is not there.
     */
    public static long onDisk(Path dir) {
        if (!Files.exists(dir)) return 0;
        try {
            Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes()).trim();
            if (du.waitFor(60, TimeUnit.SECONDS) && du.exitValue() == 0)
                return Long.parseLong(out.split("\\s+")[0]) * 1024;
        } catch (IOException | RuntimeException e) {
            // fall through to the sum of sizes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The machine's load average over 1, 5 and 15 minutes, as /proc/loadavg gives it. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
