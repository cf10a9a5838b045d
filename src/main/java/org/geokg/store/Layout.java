package org.geokg.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where things are. The source tree (data, ontology, configuration, queries) lives under the project
 * home; everything written at run time (databases, logs, scratch space) lives under one git-ignored
 * state directory, {@code var/} by default, never in the source tree. The articles' texts live
 * outside the project, in the sources folder (see {@link #sources()}).
 */
public record Layout(Path home, Path state, Path sources) {

    /** The project configuration file, at the project home: Java properties, every key optional. */
    public static final String CONFIG_FILE = "kg.properties";
    /** Its key for the sources folder; a relative path is taken from the project home. */
    public static final String SOURCES_KEY = "sources";
    /** The environment variable for the sources folder (relative: from the working directory). */
    public static final String SOURCES_ENV = "KG_SOURCES";

    public Layout {
        home = home.toAbsolutePath().normalize();
        state = state.toAbsolutePath().normalize();
        sources = sources.toAbsolutePath().normalize();
    }

    /** A layout whose sources folder comes from the project configuration file, else the default. */
    public Layout(Path home, Path state) {
        this(home, state, configuredSources(home.toAbsolutePath().normalize()));
    }

    /**
     * The layout of the project the launcher runs from: {@code -Dkg.home}, else the working directory.
     * The sources folder, the first one set of: {@code -Dkg.sources}, {@code $KG_SOURCES}, the
     * {@code sources} key of {@code kg.properties}, {@code ../shared/sources} beside the project.
     */
    public static Layout fromEnvironment() {
        return fromEnvironment(System::getProperty, System::getenv);
    }

    /** As {@link #fromEnvironment()}, reading system properties and environment variables through the given lookups. */
    public static Layout fromEnvironment(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String home = properties.apply("kg.home");
        Path h = (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
        String state = firstSet(properties.apply("kg.state"), environment.apply("KG_STATE"));
        Layout l = new Layout(h, state == null ? h.resolve("var") : Path.of(state));
        String sources = firstSet(properties.apply("kg.sources"), environment.apply(SOURCES_ENV));
        return sources == null ? l : l.withSources(Path.of(sources));
    }

    private static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) return a;
        return b == null || b.isBlank() ? null : b;
    }

    /** The layout of a project home, ignoring the environment (tests, generated projects). */
    public static Layout of(Path home) {
        Path h = home.toAbsolutePath().normalize();
        return new Layout(h, h.resolve("var"));
    }

    public Layout withState(Path newState) { return new Layout(home, newState, sources); }

    /** The same project reading its articles from {@code dir} (relative: from the working directory). */
    public Layout withSources(Path dir) { return new Layout(home, state, dir); }

    /** The default sources folder: {@code ../shared/sources} beside the project home. */
    public static Path defaultSources(Path home) {
        return home.resolve("..").resolve("shared").resolve("sources").normalize();
    }

    /** The sources folder named by the project's {@code kg.properties}, else the default. */
    static Path configuredSources(Path home) {
        Path config = home.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(config)) return defaultSources(home);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config, e);
        }
        String s = p.getProperty(SOURCES_KEY);
        return s == null || s.isBlank() ? defaultSources(home) : home.resolve(s.strip()).normalize();
    }

    public Path dataDir() { return home.resolve("data"); }
    /** Drafts written by {@code kg suggest}; validate and load never read them. */
    public Path draftsDir() { return dataDir().resolve("drafts"); }
    public Path ontologyDir() { return home.resolve("ontology"); }
    public Path shapesFile() { return ontologyDir().resolve("shapes.ttl"); }
    /** How each kind of table becomes RDF (mappings/README.md). */
    public Path mappingsDir() { return home.resolve("mappings"); }
    public Path configFile() { return home.resolve("fuseki-config").resolve("config.ttl"); }
    public Path queriesDir() { return home.resolve("queries"); }
    /** The default database: a link to the newest complete load. */
    public Path defaultDb() { return state.resolve("db").resolve("kg"); }
    public Path logDir() { return state.resolve("log"); }
    public Path tmpDir() { return state.resolve("tmp"); }

    /** The articles' text files, outside the repository; the sources table's {@code file} column is relative to it. */
    public Path sources() { return sources; }

    /** Same as {@link #sources()} (its name from when the folder could only be ../shared/sources). */
    public Path sharedSources() { return sources; }

    /** Whether this looks like a project home at all, to fail early with a clear message. */
    public boolean looksLikeProject() {
        return Files.isDirectory(dataDir()) && Files.isDirectory(ontologyDir());
    }
}
