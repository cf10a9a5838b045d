package org.geokg.suggest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVRecord;
import org.geokg.store.Layout;

/**
 * {@code kg suggest --evaluate}: drafts a curated article again, seeing only the ontology and the
 * state entities, and measures the draft against the curated rows:
 * <ul>
 * <li>entity recall: of the curated (entity, paragraph) pairs, the share the draft names in that
 * paragraph, as a known entity or as a candidate whose words are one of the entity's names (or
 * contain one, or are contained in one);</li>
 * <li>date recall: of the curated dates (paragraph, value, precision), the share the draft found;</li>
 * <li>modality agreement: of the curated statements whose quote lies in a drafted clause, the share
 * whose suggested modality is the curated one.</li>
 * </ul>
 * The goals (0.85, 0.9, 0.8) are printed beside the figures; they are not tests.
 */
public final class Evaluation {
    public static final double ENTITY_GOAL = 0.85, DATE_GOAL = 0.9, MODALITY_GOAL = 0.8;

    public record Figures(int mentions, int mentionsFound, int mentionsExact, int entityRows, int entityRowsFound, int candidates,
                          int dates, int datesFound, int statements, int drafted, int agreeing) {
        public double entityRecall() { return ratio(mentionsFound, mentions); }
        public double dateRecall() { return ratio(datesFound, dates); }
        public double modalityAgreement() { return ratio(agreeing, drafted); }
    }

    static double ratio(int a, int b) { return b == 0 ? 0 : (double) a / b; }

    private final List<String> details = new ArrayList<>();

    public List<String> details() { return details; }

    /** Evaluates the drafting of source {@code sourceId} (null: the first source of the sources tables). */
    public Figures run(Layout layout, String sourceId) {
        Map<String, String> source = null;
        List<Map<String, String>> entityRows = new ArrayList<>(), statementRows = new ArrayList<>();
        Map<String, List<String>> namesOf = new HashMap<>();
        for (Map<String, String> r : rows(layout.dataDir())) {
            if (r.containsKey("sha256") && r.containsKey("file")) {
                if (source == null && (sourceId == null || sourceId.equals(r.get("id")))) source = r;
            } else if (r.containsKey("type") && r.containsKey("label")) {
                entityRows.add(r);
                List<String> names = new ArrayList<>(List.of(r.get("label")));
                names.addAll(KnownEntities.split(r.getOrDefault("alt_labels", "")));
                namesOf.put(r.get("id"), names);
            } else if (r.containsKey("subject") && r.containsKey("modality")) statementRows.add(r);
        }
        if (source == null)
            throw new IllegalArgumentException(sourceId == null ? "no sources table under " + layout.dataDir()
                    : "no source '" + sourceId + "' in the sources tables under " + layout.dataDir());
        String id = source.get("id");
        Path article = layout.sources().resolve(source.get("file"));
        if (!Files.isRegularFile(article))
            throw new IllegalArgumentException("the article of source '" + id + "' is not at " + article
                    + " (set the sources folder with --sources, $" + Layout.SOURCES_ENV + " or kg.properties)");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(article);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OntologyView ontology = OntologyView.read(layout.ontologyDir());
        KnownEntities states = KnownEntities.read(layout.dataDir(), e -> ontology.isA(e.types(), "SovereignState"));
        Drafter drafter = new Drafter(new EnglishNlp(), ontology, states);
        String published = source.get("published");
        Draft draft = drafter.draft(Suggester.sourceRow(layout, article, bytes, id, published, "en"),
                Suggester.paragraphs(bytes), published);
        Map<String, String> candidateLabel = new HashMap<>();
        draft.candidates().forEach(c -> candidateLabel.put(c.id(), c.label()));

        // Entity mentions: the entity rows, and the entities each statement names, in their paragraphs.
        Set<String> pairs = new LinkedHashSet<>(), rowPairs = new LinkedHashSet<>();
        for (Map<String, String> e : entityRows)
            if (id.equals(e.get("source"))) { pairs.add(e.get("id") + "@" + e.get("paragraph")); rowPairs.add(e.get("id") + "@" + e.get("paragraph")); }
        for (Map<String, String> s : statementRows) {
            if (!id.equals(s.get("source"))) continue;
            for (String col : List.of("subject", "value", "attributed_to"))
                if (namesOf.containsKey(s.getOrDefault(col, ""))) pairs.add(s.get(col) + "@" + s.get("paragraph"));
        }
        int found = 0, exact = 0, rowsFound = 0;
        for (String pair : pairs) {
            String entity = pair.substring(0, pair.indexOf('@'));
            int paragraph = Integer.parseInt(pair.substring(pair.indexOf('@') + 1));
            boolean hit = false, hitExact = false;
            for (Draft.Mention m : draft.mentions()) {
                if (m.paragraph() != paragraph) continue;
                if (m.known()) { if (m.entity().equals(entity)) { hit = true; hitExact = true; } continue; }
                for (String name : namesOf.get(entity)) {
                    int how = sameName(candidateLabel.get(m.entity()), name);
                    if (how > 0) hit = true;
                    if (how == 2) hitExact = true;
                }
            }
            if (hit) found++;
            else details.add("entity not found: " + entity + " in paragraph " + paragraph + draftedIn(draft, candidateLabel, paragraph));
            if (hitExact) exact++;
            if (hit && rowPairs.contains(pair)) rowsFound++;
        }

        // Dates: as the entity rows (an event's own time) and the statements (a claim's time, or a date
        // value) give them; a range is earliest/latest, an open bound left empty.
        Set<String> dates = new TreeSet<>();
        List<Map<String, String>> dated = new ArrayList<>(entityRows);
        dated.addAll(statementRows);
        for (Map<String, String> s : dated) {
            if (!id.equals(s.get("source"))) continue;
            String p = s.get("paragraph");
            for (String col : List.of("point_in_time", "start", "end"))
                if (!s.getOrDefault(col, "").isEmpty()) dates.add(p + "|" + s.get(col) + "|" + precision(s.get(col)));
            if (!s.getOrDefault("earliest", "").isEmpty() || !s.getOrDefault("latest", "").isEmpty())
                dates.add(p + "|" + s.getOrDefault("earliest", "") + "/" + s.getOrDefault("latest", "") + "|range");
            if (!s.containsKey("property")) continue;   // an entity row has no value column
            String v = s.get("value");
            if (v != null && v.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
                String prop = s.get("property");
                if (prop.equals("earliestTime")) dates.add(p + "|" + v + "/|range");
                else if (prop.equals("latestTime")) dates.add(p + "|/" + v + "|range");
                else dates.add(p + "|" + v + "|" + precision(v));
            }
        }
        Set<String> drafted = new TreeSet<>();
        for (Draft.DateMention d : draft.dates()) drafted.add(d.paragraph() + "|" + d.key() + "|" + d.precision());
        int datesFound = 0;
        for (String d : dates) if (drafted.contains(d)) datesFound++; else details.add("date not found: " + d);

        // Modality: each curated statement against the drafted clause that holds its quote.
        int statements = 0, covered = 0, agree = 0;
        for (Map<String, String> s : statementRows) {
            if (!id.equals(s.get("source"))) continue;
            statements++;
            Draft.CandidateStatement best = null;
            double bestOverlap = 0;
            for (Draft.CandidateStatement c : draft.statements()) {
                if (!Integer.toString(c.paragraph()).equals(s.get("paragraph"))) continue;
                double o = overlap(s.get("quote"), c.quote());
                if (o > bestOverlap) { bestOverlap = o; best = c; }
            }
            if (best == null || bestOverlap < 0.5) continue;
            covered++;
            if (best.modality().equals(s.get("modality"))) agree++;
            else details.add("modality: " + s.get("id") + " is " + s.get("modality") + ", drafted " + best.modality()
                    + (best.cue().isEmpty() ? "" : " (cue '" + best.cue() + "')") + ": " + best.quote());
        }
        return new Figures(pairs.size(), found, exact, rowPairs.size(), rowsFound, draft.candidates().size(), dates.size(), datesFound, statements, covered, agree);
    }

    /** What the draft named in a paragraph, so that a miss can be read beside it. */
    private static String draftedIn(Draft draft, Map<String, String> candidateLabel, int paragraph) {
        Set<String> names = new LinkedHashSet<>();
        for (Draft.Mention m : draft.mentions())
            if (m.paragraph() == paragraph) names.add(m.known() ? m.entity() : "'" + candidateLabel.get(m.entity()) + "'");
        return names.isEmpty() ? " (nothing drafted there)" : " (drafted there: " + String.join(", ", names) + ")";
    }

    static String precision(String date) {
        return date.length() == 4 ? "year" : date.length() == 7 ? "month" : "day";
    }

    private static List<String> words(String s) {
        String t = Text.forNlp(s).toLowerCase(Locale.ROOT).replace("'s", " ").replace('\u2014', ' ').replace('\u2013', ' ');
        List<String> out = new ArrayList<>(Arrays.asList(t.split("[^\\p{L}\\p{N}.]+")));
        out.removeIf(w -> w.isEmpty() || w.equals("."));
        out.replaceAll(w -> w.endsWith(".") && w.length() > 1 && !w.matches(".*\\..*\\.") ? w.substring(0, w.length() - 1) : w);
        if (!out.isEmpty() && out.get(0).equals("the")) out.remove(0);
        return out;
    }

    /** 2: the same name; 1: one name's words contain the other's; 0: neither. */
    static int sameName(String a, String b) {
        if (a == null || b == null) return 0;
        List<String> x = words(a), y = words(b);
        if (x.isEmpty() || y.isEmpty()) return 0;
        if (x.equals(y)) return 2;
        return Collections.indexOfSubList(x, y) >= 0 || Collections.indexOfSubList(y, x) >= 0 ? 1 : 0;
    }

    /** The share of the quote's words that the clause holds in one run (1: the clause contains the quote). */
    static double overlap(String quote, String clause) {
        List<String> q = words(quote), c = words(clause);
        int best = 0;
        for (int i = 0; i < q.size(); i++)
            for (int j = 0; j < c.size(); j++) {
                int k = 0;
                while (i + k < q.size() && j + k < c.size() && q.get(i + k).equals(c.get(j + k))) k++;
                best = Math.max(best, k);
            }
        return q.isEmpty() ? 0 : (double) best / Math.min(q.size(), Math.max(c.size(), 1));
    }

    /** Every row of every CSV table under data/ (not data/drafts/), as column to value. */
    static List<Map<String, String>> rows(Path dataDir) {
        List<Map<String, String>> out = new ArrayList<>();
        Path drafts = dataDir.resolve("drafts");
        try (Stream<Path> s = Files.walk(dataDir)) {
            for (Path csv : s.filter(p -> p.toString().endsWith(".csv") && !p.startsWith(drafts)).sorted().toList())
                for (CSVRecord r : KnownEntities.records(csv)) out.add(r.toMap());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public static void print(Figures f, PrintWriter out) {
        out.printf(Locale.ROOT, "entity recall      %.2f  (%d of %d curated entity mentions; goal %.2f)%n",
                f.entityRecall(), f.mentionsFound(), f.mentions(), ENTITY_GOAL);
        out.printf(Locale.ROOT, "  exact names only %.2f  (%d of %d); first mentions (entities rows) %.2f (%d of %d)%n",
                ratio(f.mentionsExact(), f.mentions()), f.mentionsExact(), f.mentions(),
                ratio(f.entityRowsFound(), f.entityRows()), f.entityRowsFound(), f.entityRows());
        out.printf(Locale.ROOT, "  drafted: %d candidate new entities for %d curated entity rows (each candidate to check)%n",
                f.candidates(), f.entityRows());
        out.printf(Locale.ROOT, "date recall        %.2f  (%d of %d curated dates, value and precision; goal %.2f)%n",
                f.dateRecall(), f.datesFound(), f.dates(), DATE_GOAL);
        out.printf(Locale.ROOT, "modality agreement %.2f  (%d of %d statements whose clause was drafted; %d of %d statements drafted; goal %.2f)%n",
                f.modalityAgreement(), f.agreeing(), f.drafted(), f.drafted(), f.statements(), MODALITY_GOAL);
    }
}
