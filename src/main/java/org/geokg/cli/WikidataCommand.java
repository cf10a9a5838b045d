package org.geokg.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.query.QueryException;
import org.geokg.federation.FederationSettings;
import org.geokg.wikidata.LabelCheck;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "wikidata", mixinStandardHelpOptions = true,
        description = "The project's verified Wikidata links (data/wikidata.csv).",
        subcommands = {WikidataCommand.Check.class})
public final class WikidataCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Compares each verified item's label in data/wikidata.csv with the English label a Wikidata "
                    + "endpoint gives it, and lists the mismatches. Exits 1 when there is any.",
                    "The endpoint is Wikidata's query service, or where the SERVICE override sends it "
                            + "(kg.service.override / KG_SERVICE_OVERRIDE), with the same User-Agent and timeout as SERVICE calls."})
    static final class Check implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--endpoint", paramLabel = "URL",
                description = "Ask this SPARQL endpoint instead (a mirror, a local stand-in).")
        String endpoint;

        @Override
        public Integer call() {
            FederationSettings settings;
            String target;
            try {
                settings = FederationSettings.fromEnvironment();
                if (endpoint != null) settings = settings.withOverride(FederationSettings.WIKIDATA, endpoint);
                target = LabelCheck.endpoint(settings);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            List<LabelCheck.Entry> entries = LabelCheck.read(Commands.layout().home());
            if (entries.isEmpty()) throw new UserError("no wikidata table under data/ (a CSV file with columns qid, wikidata_label)");
            List<LabelCheck.Mismatch> mismatches;
            try {
                mismatches = LabelCheck.check(entries, settings);
            } catch (QueryException | HttpException e) {
                throw new UserError("cannot ask " + target + ": " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            for (LabelCheck.Mismatch m : mismatches) out.println(m.describe());
            out.println(mismatches.isEmpty()
                    ? "all " + entries.size() + " labels match " + target
                    : mismatches.size() + " of " + entries.size() + " labels differ from " + target);
            return mismatches.isEmpty() ? 0 : 1;
        }
    }
}
