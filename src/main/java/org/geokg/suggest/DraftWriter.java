package org.geokg.suggest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.geokg.suggest.Draft.Candidate;
import org.geokg.suggest.Draft.CandidateStatement;
import org.geokg.suggest.Draft.DateMention;
import org.geokg.suggest.Draft.Mention;

/**
 * Writes a draft as CSV files into one folder (data/drafts/ID/): sources.csv, entities.csv and
 * statements.csv in the tables' own columns, so that an analyst can move checked rows into data/,
 * and mentions.csv and dates.csv as reading aids. The folder is written beside and renamed into
 * place, so a failed run leaves no half draft.
 */
public final class DraftWriter {
    private DraftWriter() {}

    static final List<String> SOURCES = List.of("id", "title", "published", "language", "sha256", "file", "note");
    static final List<String> ENTITIES = List.of("id", "type", "label", "alt_labels", "wikidata", "description", "source",
            "paragraph", "quote");
    static final List<String> STATEMENTS = List.of("id", "subject", "property", "value", "modality", "attributed_to",
            "likelihood", "scenario", "step", "point_in_time", "start", "end", "earliest", "latest", "source", "paragraph",
            "quote", "note");
    static final List<String> MENTIONS = List.of("entity", "known", "paragraph", "span", "matched_as");
    static final List<String> DATES = List.of("paragraph", "span", "value", "precision", "earliest", "latest", "relation",
            "needs_confirmation", "resolved_from");

    /** Writes {@code draft} into {@code dir}, which must not exist yet (an analyst's edits are never overwritten). */
    public static void write(Draft draft, Path dir) {
        if (Files.exists(dir))
            throw new IllegalStateException(dir + " already exists; move or delete it first (a draft is never overwritten)");
        Path tmp = dir.resolveSibling("." + dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(tmp);
            String src = draft.source().id();
            Draft.SourceRow s = draft.source();
            table(tmp.resolve("sources.csv"), SOURCES, List.of(List.of(s.id(), s.title(), s.published(), s.language(),
                    s.sha256(), s.file(), s.note())));
            List<List<String>> ents = new ArrayList<>();
            for (Candidate c : draft.candidates())
                ents.add(List.of(c.id(), c.suggestedClass(), c.label(), "", "",
                        "DRAFT: check. " + (c.cue().isEmpty() ? "No class cue." : "Class from " + c.cue() + "."),
                        src, Integer.toString(c.paragraph()), c.quote()));
            table(tmp.resolve("entities.csv"), ENTITIES, ents);
            List<List<String>> st = new ArrayList<>();
            for (CandidateStatement c : draft.statements()) st.add(statementRow(src, c));
            table(tmp.resolve("statements.csv"), STATEMENTS, st);
            List<List<String>> ms = new ArrayList<>();
            for (Mention m : draft.mentions())
                ms.add(List.of(m.entity(), m.known() ? "yes" : "no", Integer.toString(m.paragraph()), m.span(), m.how()));
            table(tmp.resolve("mentions.csv"), MENTIONS, ms);
            List<List<String>> ds = new ArrayList<>();
            for (DateMention d : draft.dates())
                ds.add(List.of(Integer.toString(d.paragraph()), d.span(), d.value(), d.precision(), d.earliest(), d.latest(),
                        d.relation(), d.needsConfirmation() ? "yes" : "no", d.resolvedFrom()));
            table(tmp.resolve("dates.csv"), DATES, ds);
            Files.createDirectories(dir.getParent());
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static List<String> statementRow(String source, CandidateStatement c) {
        String subject = c.entities().get(0), value = c.entities().get(1);
        String pit = "", start = "", end = "", earliest = "", latest = "";
        List<String> dateNotes = new ArrayList<>();
        for (DateMention d : c.dates()) {
            dateNotes.add("'" + d.span() + "'" + (d.needsConfirmation() ? " (confirm: " + d.resolvedFrom() + ")" : ""));
            if (!pit.isEmpty() || !start.isEmpty() || !earliest.isEmpty() || !latest.isEmpty()) continue; // the first date only
            if (d.precision().equals("range")) { earliest = d.earliest(); latest = d.latest(); }
            else if (d.relation().equals("since")) start = d.value();
            else if (d.relation().equals("until")) end = d.value();
            else pit = d.value();
        }
        StringBuilder note = new StringBuilder("DRAFT: choose the property.");
        note.append(" Modality ").append(c.modality()).append(c.cue().isEmpty() ? " (no cue)." : " from the cue '" + c.cue() + "'.");
        note.append(" Entities named: ").append(String.join(", ", c.entities())).append('.');
        note.append(c.fittingProperties().isEmpty() ? " Fitting properties: none known (a candidate has no class yet)."
                : " Fitting properties (domain and range): " + String.join(", ", c.fittingProperties()) + ".");
        if (!dateNotes.isEmpty()) note.append(" Dates: ").append(String.join("; ", dateNotes)).append('.');
        boolean hypothetical = c.modality().equals("hypothetical");
        return List.of(c.id(), subject, "", value, c.modality(), c.attributedTo(), c.likelihood(),
                hypothetical ? "" : "", "", pit, start, end, earliest, latest, source, Integer.toString(c.paragraph()),
                c.quote(), note.toString());
    }

    private static void table(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get())) {
            p.printRecord(header);
            for (List<String> r : rows) p.printRecord(r);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temporary folder is hidden and named as such
        }
    }
}
