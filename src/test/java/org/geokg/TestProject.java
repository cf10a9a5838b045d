package org.geokg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.geokg.store.Layout;

/**
 * A throw-away copy of a project (data, ontology, Fuseki configuration, and the articles beside
 * it in ../shared/sources) in a temporary directory, for tests that change files or build
 * databases without touching the real tree.
 */
public final class TestProject {
    /** The real project the tests run in (mvn sets kg.home). */
    public static Path realHome() {
        return Path.of(System.getProperty("kg.home", "")).toAbsolutePath().normalize();
    }

    public final Path root;
    public final Layout layout;

    private TestProject(Path root) {
        this.root = root;
        this.layout = Layout.of(root.resolve("home"));
    }

    /** A copy of the small test fixture (src/test/resources/fixture) with the real mappings and Fuseki configuration. */
    public static TestProject fixture(Path tmp) {
        TestProject p = new TestProject(tmp);
        Path fixture = realHome().resolve("src/test/resources/fixture");
        copyTree(fixture.resolve("ontology"), p.layout.ontologyDir());
        copyTree(fixture.resolve("data"), p.layout.dataDir());
        copyTree(fixture.resolve("shared"), p.layout.sharedSources());
        copyTree(realHome().resolve("mappings"), p.layout.mappingsDir());
        copyTree(realHome().resolve("fuseki-config"), p.layout.configFile().getParent());
        return p;
    }

    /**
     * A copy of the real project's data, ontology and mappings, with the articles from
     * ../shared/sources and the GDELT sample from ../shared/gdelt when they are there.
     */
    public static TestProject real(Path tmp) {
        TestProject p = new TestProject(tmp);
        copyTree(realHome().resolve("ontology"), p.layout.ontologyDir());
        copyTree(realHome().resolve("data"), p.layout.dataDir());
        copyTree(realHome().resolve("mappings"), p.layout.mappingsDir());
        copyTree(realHome().resolve("fuseki-config"), p.layout.configFile().getParent());
        copyTree(realHome().resolve("queries"), p.layout.queriesDir());
        Path shared = Layout.of(realHome()).sharedSources();
        if (Files.isDirectory(shared)) copyTree(shared, p.layout.sharedSources());
        // The GDELT sample beside the project, where mappings/gdelt-events.ttl looks for it.
        Path gdelt = gdeltDir(realHome());
        if (Files.isDirectory(gdelt)) copyTree(gdelt, gdeltDir(p.layout.home()));
        return p;
    }

    /** Where the GDELT event sample sits beside a project home (mappings/gdelt-events.ttl). */
    public static Path gdeltDir(Path home) { return home.resolve("../shared/gdelt").normalize(); }

    public Path data(String name) { return layout.dataDir().resolve(name); }

    public void write(String dataFile, String content) {
        writeBytes(dataFile, content.getBytes(StandardCharsets.UTF_8));
    }

    public void writeBytes(String dataFile, byte[] content) {
        try {
            Files.createDirectories(data(dataFile).getParent());
            Files.write(data(dataFile), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String dataFile) {
        try {
            return Files.readString(data(dataFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void copyTree(Path from, Path to) {
        if (!Files.exists(from)) return;
        try (Stream<Path> s = Files.walk(from)) {
            for (Path src : (Iterable<Path>) s::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) Files.createDirectories(dst);
                else Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
