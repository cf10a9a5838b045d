package org.geokg.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are. The source tree (data, ontology, configuration, queries) lives under the project
 * home; everything written at run time (databases, logs, scratch space) lives under one git-ignored
 * state directory, {@code var/} by default, never in the source tree.
 */
public record Layout(Path home, Path state) {

    /** The layout of the project the launcher runs from: {@code -Dkg.home}, else the working directory. */
    public static Layout fromEnvironment() {
        String home = System.getProperty("kg.home");
        Path h = (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
        String state = System.getProperty("kg.state", System.getenv("KG_STATE"));
        return new Layout(h, state == null || state.isBlank() ? h.resolve("var") : Path.of(state).toAbsolutePath());
    }

    public static Layout of(Path home) {
        Path h = home.toAbsolutePath().normalize();
        return new Layout(h, h.resolve("var"));
    }

    public Layout withState(Path newState) { return new Layout(home, newState.toAbsolutePath().normalize()); }

    public Path dataDir() { return home.resolve("data"); }
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
    /** The articles' text files, outside the repository (see data/README.md). */
    public Path sharedSources() { return home.resolve("..").resolve("shared").resolve("sources").normalize(); }

    /** Whether this looks like a project home at all, to fail early with a clear message. */
    public boolean looksLikeProject() {
        return Files.isDirectory(dataDir()) && Files.isDirectory(ontologyDir());
    }
}
