package org.geokg.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.geokg.store.Layout;
import org.geokg.suggest.Draft;
import org.geokg.suggest.Evaluation;
import org.geokg.suggest.Suggester;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "suggest", mixinStandardHelpOptions = true,
        description = {"Drafts the rows of a new article into data/drafts/ID/ (never elsewhere): its sources row with "
                + "its SHA-256, mentions of known entities, candidate new entities, dates with their precision, and one "
                + "candidate statement per clause naming two or more entities, with a suggested modality and its cue.",
                "kg validate and kg load ignore data/drafts/; move checked rows into data/ to use them. "
                        + "Uses Apache OpenNLP's English models from the classpath; nothing is fetched.",
                "--evaluate drafts a curated source again, seeing only the ontology and the state entities, "
                        + "and prints entity recall, date recall and modality agreement against the curated rows."})
public final class SuggestCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ARTICLE",
            description = "The article's text file, one paragraph a line.")
    Path article;

    @Option(names = "--source", paramLabel = "ID", description = "Id of the new source (its draft goes to data/drafts/ID/). "
            + "With --evaluate: the curated source to measure (default: the first one).")
    String source;

    @Option(names = "--published", paramLabel = "DATE",
            description = "Publication date (YYYY, YYYY-MM or YYYY-MM-DD); relative dates (\"last year\", \"Friday\") are resolved against it.")
    String published;

    @Option(names = "--language", paramLabel = "TAG", defaultValue = "en", description = "BCP 47 tag (default: ${DEFAULT-VALUE}; the models are English).")
    String language;

    @Option(names = "--evaluate", description = "Measure the drafting on a curated source instead of drafting a new one.")
    boolean evaluate;

    @Option(names = "--details", description = "With --evaluate: also list what was missed.")
    boolean details;

    @Mixin SourcesOption sources;

    @Override
    public Integer call() {
        Layout layout = sources.apply(Commands.layout());
        PrintWriter out = spec.commandLine().getOut();
        try {
            if (evaluate) {
                if (article != null) throw new UserError("--evaluate takes no ARTICLE: it reads the curated source's own text");
                Evaluation e = new Evaluation();
                Evaluation.Figures f = e.run(layout, source);
                Evaluation.print(f, out);
                if (details) e.details().forEach(d -> out.println("  " + d));
                out.flush();
                return 0;
            }
            if (article == null) throw new UserError("which article? usage: kg suggest ARTICLE --source ID [--published DATE]");
            if (source == null) throw new UserError("--source ID is required: the id of the new source");
            if (!Files.isRegularFile(article)) throw new UserError("no article at " + article.toAbsolutePath());
            Suggester.Result r = Suggester.suggest(layout, article, source, published, language);
            Draft d = r.draft();
            long confirm = d.dates().stream().filter(Draft.DateMention::needsConfirmation).count();
            out.printf(Locale.ROOT, "drafted %s into %s%n", source, layout.home().relativize(r.dir()));
            out.printf(Locale.ROOT, "  sources.csv     1 row (sha256 %s…, file %s)%n", d.source().sha256().substring(0, 12), d.source().file());
            out.printf(Locale.ROOT, "  entities.csv    %d candidate new entities%n", d.candidates().size());
            out.printf(Locale.ROOT, "  statements.csv  %d candidate statements (property left for you)%n", d.statements().size());
            out.printf(Locale.ROOT, "  mentions.csv    %d mentions (%d of known entities)%n", d.mentions().size(),
                    d.mentions().stream().filter(Draft.Mention::known).count());
            out.printf(Locale.ROOT, "  dates.csv       %d dates (%d to confirm)%n", d.dates().size(), confirm);
            if (published == null) out.println("  no --published date: relative dates are left unresolved");
            out.println("next: edit the rows, move sources/entities/statements rows into data/, then kg validate");
            out.flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
    }
}
