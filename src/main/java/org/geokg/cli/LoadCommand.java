package org.geokg.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.geokg.load.Loader;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin DatabaseOption database;

    @Mixin SourcesOption sources;

    @Mixin StrictOption strict;

    @Override
    public Integer call() {
        Layout layout = sources.apply(Commands.layout());
        Path target = database.resolve(layout);
        Loader.Summary s;
        try {
            s = Loader.load(layout, target, System.out, strict.strict());
        } catch (RuntimeException | Error e) {
            ResourceFailure.rethrowIfAny(e, "kg load", "the new database in " + target.getParent(), target + " is unchanged");
            throw e;
        }
        var out = spec.commandLine().getOut();
        out.println("loaded " + target + " -> " + s.database().getFileName());
        out.print(s.describe());
        out.flush();
        return 0;
    }
}
