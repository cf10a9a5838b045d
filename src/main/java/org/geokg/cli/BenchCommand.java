package org.geokg.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.geokg.bench.SyntheticProject;
import org.geokg.load.Loader;
import org.geokg.store.Generations;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the loader on generated data of growing size and prints, for each size: rows, "
                + "triples, seconds, rows and triples per second and the peak of the Java heap's old generation.",
                "Memory should stay flat as the input grows; run it with a small heap to see, e.g. "
                        + "KG_JAVA_OPTS=-Xmx256m ./kg bench. Works in var/tmp and removes what it wrote."})
public final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--statements", split = ",", paramLabel = "N[,N...]",
            defaultValue = "10000,100000,300000", description = "Statement rows per run (default: ${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(names = "--entities", defaultValue = "5000", description = "Entities per run (default: ${DEFAULT-VALUE}).")
    int entities;

    @Override
    public Integer call() throws IOException {
        Layout home = Commands.layout();
        var out = spec.commandLine().getOut();
        out.printf("%12s %12s %9s %12s %12s %15s%n", "statements", "triples", "seconds", "rows/s", "triples/s",
                "old gen peak MiB");
        for (long n : sizes) {
            Path root = home.tmpDir().resolve("bench-" + ProcessHandle.current().pid() + "-" + n);
            try {
                Layout layout = SyntheticProject.write(root, home, entities, n);
                System.gc();
                resetPeaks();
                Loader.Summary s = Loader.load(layout, layout.defaultDb(),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
                double secs = s.took().toMillis() / 1000.0;
                out.printf("%,12d %,12d %9.1f %,12.0f %,12.0f %,15.0f%n", n, s.total(), secs, n / secs, s.total() / secs,
                        peakHeap() / 1048576.0);
            } finally {
                Generations.deleteTree(root);
            }
        }
        out.printf("max heap: %,d MiB%n", Runtime.getRuntime().maxMemory() / 1048576);
        return 0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    /**
     * The peak of the old generation: what survives collections. Young-generation peaks only
     * reflect how much garbage the collector lets pile up, so they say nothing about growth.
     */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP && (p.getName().contains("Old") || p.getName().contains("Tenured")))
                sum += p.getPeakUsage().getUsed();
        return sum;
    }

}
