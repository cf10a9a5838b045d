package org.geokg.cli;

import java.nio.file.Path;

import org.geokg.store.Layout;

import picocli.CommandLine.Option;

/**
 * The {@code --sources DIR} option that validate, load, serve and suggest share, and
 * {@code --strict} for the commands that check quotes against the articles.
 */
public final class SourcesOption {
    @Option(names = "--sources", paramLabel = "DIR",
            description = "Folder of the article texts; the sources table's file column is relative to it. "
                    + "Default: $" + Layout.SOURCES_ENV + ", else the 'sources' key of kg.properties, else ../shared/sources.")
    Path sources;

    /** The layout with this option applied. */
    public Layout apply(Layout layout) {
        return sources == null ? layout : layout.withSources(sources);
    }
}
