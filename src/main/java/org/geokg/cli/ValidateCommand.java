package org.geokg.cli;

import java.util.concurrent.Callable;

import org.geokg.store.Layout;
import org.geokg.validate.Validator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks every table (CSV files under data/, and inputs such as GDELT's export named by "
                + "mappings/), the mappings and the ontology (Turtle syntax, documented terms, SHACL shapes) "
                + "exactly as a load does, and changes nothing.",
                "Lists every problem as FILE:LINE:COLUMN: what is wrong; expected what. "
                        + "In CSV files COLUMN counts fields (1 = first). Exits 1 when there is any problem."})
public final class ValidateCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin SourcesOption sources;

    @Mixin StrictOption strict;

    @Override
    public Integer call() {
        Layout layout = sources.apply(Commands.layout());
        try {
            Validator.validate(layout, System.out, strict.strict());
        } catch (RuntimeException | Error e) {
            ResourceFailure.rethrowIfAny(e, "kg validate", "its scratch files in " + layout.tmpDir(),
                    "no database was changed");
            throw e;
        }
        spec.commandLine().getOut().println("valid: data/, mappings/ and ontology/ have no problems");
        return 0;
    }
}
