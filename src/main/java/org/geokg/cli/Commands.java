package org.geokg.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.query.Dataset;
import org.geokg.store.Generations;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;

/** What several commands share: where the project is, and opening the current database. */
final class Commands {
    private Commands() {}

    static Layout layout() {
        Layout layout = Layout.fromEnvironment();
        if (!layout.looksLikeProject())
            throw new UserError("not a geokg project: " + layout.home() + " has no data/ and ontology/ "
                    + "(run kg from the repository, or set -Dkg.home)");
        return layout;
    }

    /** Opens the complete database behind {@code link} (never loading one). */
    static Dataset openExisting(Layout layout, Path link) {
        if (new Generations(link).current().isEmpty())
            throw new UserError("no database at " + link + "; run 'kg load' first");
        if (!Files.isRegularFile(layout.configFile()))
            throw new UserError("Fuseki configuration not found: " + layout.configFile());
        return KgStore.open(layout.configFile(), link);
    }
}
