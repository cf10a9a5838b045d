package org.geokg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.geokg.load.Loader;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Validates, then builds the TDB2 database and its full-text index in a fresh directory "
                + "and switches to it only once complete.",
                "A failed or interrupted load leaves the previous database exactly as it was. "
                        + "Prints the triples per named graph and the time taken."})
public final class LoadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", paramLabel = "DIR",
            description = "Database path, a link to the newest load (default: var/db/kg).")
    Path db;

    @Override
    public Integer call() {
        Layout layout = Commands.layout();
        Path target = db != null ? db : layout.defaultDb();
        Loader.Summary s = Loader.load(layout, target, System.out);
        var out = spec.commandLine().getOut();
        out.println("loaded " + target + " -> " + s.database().getFileName());
        out.print(s.describe());
        return 0;
    }
}
