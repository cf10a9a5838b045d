package org.geokg.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.geokg.TestProject;
import org.geokg.store.Layout;

/** kg as a user runs it, for tests: a separate JVM with its own environment, its exit code, what it prints where. */
final class KgProcess {
    private KgProcess() {}

    record Run(int exit, String out, String err) {}

    /** Runs kg on {@code project}; {@code env} is added to an environment without $KG_SOURCES. */
    static Run run(TestProject project, Path tmp, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return run(project, tmp, env, List.of(), args);
    }

    /** As {@link #run(TestProject, Path, Map, String...)}, with options for the JVM ({@code -Xmx32m}). */
    static Run run(TestProject project, Path tmp, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-Dkg.home=" + project.layout.home(), "-Dkg.state=" + project.layout.state(),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = tmp.resolve("out.txt"), err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove(Layout.SOURCES_ENV);
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) p.destroyForcibly().waitFor();
        assertTrue(finished, "kg " + String.join(" ", args) + " finished");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
