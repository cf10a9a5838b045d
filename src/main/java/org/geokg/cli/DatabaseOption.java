package org.geokg.cli;

import java.nio.file.Path;

import org.geokg.store.Layout;

import picocli.CommandLine.Option;

/** The {@code --db DIR} option that load, serve, query and export share. */
public final class DatabaseOption {
    @Option(names = "--db", paramLabel = "DIR",
            description = "Database path, a link to the newest complete load (default: var/db/kg).")
    Path db;

    /** The database path given, or the project's default one. */
    public Path resolve(Layout layout) {
        return db != null ? db.toAbsolutePath() : layout.defaultDb();
    }
}
