package org.geokg.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.geokg.TestProject;
import org.geokg.validate.Validator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kg suggest} on a short article written for this test (src/test/resources/suggest/article.txt,
 * published Friday 2026-06-12), with the real project's ontology and entities: each expectation
 * below is read off that text by hand.
 */
class SuggestTest {
    @TempDir static Path tmp;
    static TestProject project;
    static Path draft;
    static Set<String> dataFilesBefore;

    @BeforeAll
    static void suggest() throws IOException {
        project = TestProject.real(tmp);
        // Sub-folders of the sources folder are allowed: the file column is a path relative to it.
        Path article = project.layout.sources().resolve("2026/grain-talks.txt");
        Files.createDirectories(article.getParent());
        Files.copy(TestProject.realHome().resolve("src/test/resources/suggest/article.txt"), article);
        dataFilesBefore = files(project.layout.dataDir());
        draft = Suggester.suggest(project.layout, article, "grain-talks-2026", "2026-06-12", "en").dir();
    }

    static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static List<Map<String, String>> rows(String file) throws IOException {
        try (Reader r = Files.newBufferedReader(draft.resolve(file), StandardCharsets.UTF_8)) {
            List<Map<String, String>> out = new ArrayList<>();
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) out.add(rec.toMap());
            return out;
        }
    }

    static List<Map<String, String>> where(String file, String column, String value) throws IOException {
        return rows(file).stream().filter(r -> value.equals(r.get(column))).toList();
    }

    @Test
    void theDraftGoesToDataDraftsIdAndNowhereElse() throws IOException {
        assertEquals(project.layout.dataDir().resolve("drafts/grain-talks-2026"), draft);
        Set<String> added = files(project.layout.dataDir());
        added.removeAll(dataFilesBefore);
        assertEquals(Set.of("drafts/grain-talks-2026/sources.csv", "drafts/grain-talks-2026/entities.csv",
                "drafts/grain-talks-2026/statements.csv", "drafts/grain-talks-2026/mentions.csv",
                "drafts/grain-talks-2026/dates.csv"), added);
        // An analyst's draft is never overwritten.
        assertThrows(IllegalStateException.class, () -> Suggester.suggest(project.layout,
                project.layout.sources().resolve("2026/grain-talks.txt"), "grain-talks-2026", "2026-06-12", "en"));
    }

    @Test
    void validateAndLoadIgnoreTheDrafts() {
        // The draft's statements have no property yet: were data/drafts/ read, validation would fail.
        Validator.validate(project.layout, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void theSourcesRowHasTheHashAndThePathRelativeToTheSourcesFolder() throws IOException {
        Map<String, String> s = rows("sources.csv").get(0);
        byte[] text = Files.readAllBytes(TestProject.realHome().resolve("src/test/resources/suggest/article.txt"));
        assertEquals(Suggester.sha256(text), s.get("sha256"));
        assertEquals("2026/grain-talks.txt", s.get("file"));
        assertEquals("2026-06-12", s.get("published"));
        assertEquals("grain-talks-2026", s.get("id"));
    }

    @Test
    void knownEntitiesAreFoundByAdjectivePossessiveAndOtherName() throws IOException {
        Set<String> p3 = new TreeSet<>(), p4 = new TreeSet<>(), p5 = new TreeSet<>();
        for (Map<String, String> m : rows("mentions.csv")) {
            String e = m.get("entity") + "=" + m.get("span");
            switch (m.get("paragraph")) {
                case "3" -> p3.add(e);
                case "4" -> p4.add(e);
                case "5" -> p5.add(e);
                default -> { }
            }
        }
        assertTrue(p3.contains("kremlin=the Kremlin"), p3.toString());   // an other name
        assertTrue(p3.contains("iranian-media=Iranian media"), p3.toString()); // the longest name wins over "Iranian"
        assertTrue(p3.contains("tehran=Tehran") && p3.contains("iran-leadership=Tehran"), p3.toString()); // a shared name: each entity
        assertTrue(p4.contains("russia=Russia"), p4.toString());         // "Russia's navy": a possessive
        assertTrue(p5.contains("russia=Russian"), p5.toString());        // "Russian ships": an adjective
    }

    @Test
    void candidateNewEntitiesHaveAClassWhereACueGivesOne() throws IOException {
        Map<String, String> byLabel = new java.util.HashMap<>();
        for (Map<String, String> e : rows("entities.csv")) byLabel.put(e.get("label"), e.get("type"));
        assertEquals("Person", byLabel.get("Lena Marsh"));                            // "President Lena Marsh"
        assertEquals("MilitaryOrganisation", byLabel.get("Caspian Revolutionary Corps")); // "... Corps"
        assertEquals("Sea", byLabel.get("Caspian Sea"));                              // "... Sea"
        assertTrue(byLabel.containsKey("Astrakhan") && byLabel.containsKey("Baku"), byLabel.keySet().toString());
        assertTrue(!byLabel.containsKey("Iran") && !byLabel.containsKey("Russia"), "known entities are no candidates");
    }

    @Test
    void datesKeepTheirPrecisionAndRelativeOnesAreResolvedAndMarked() throws IOException {
        Set<String> dates = new TreeSet<>();
        for (Map<String, String> d : rows("dates.csv"))
            dates.add(d.get("paragraph") + " " + d.get("span") + " " + d.get("precision") + " "
                    + (d.get("precision").equals("range") ? d.get("earliest") + ".." + d.get("latest") : d.get("value"))
                    + (d.get("needs_confirmation").equals("yes") ? " confirm" : ""));
        assertEquals(new TreeSet<>(List.of(
                "2 Friday day 2026-06-12 confirm",      // the publication day is a Friday
                "2 4 June 2026 day 2026-06-04",
                "3 last year year 2025 confirm",
                "4 early 2027 range 2027-01..2027-04",
                "5 July month 2025-07 confirm")),      // the latest July up to June 2026
                dates);
    }

    @Test
    void everyClauseNamingTwoEntitiesIsACandidateStatementWithTheModalityOfItsCue() throws IOException {
        List<Map<String, String>> st = rows("statements.csv");
        assertTrue(st.stream().allMatch(r -> r.get("property").isEmpty()), "the property is left for the analyst");
        // "According to the Iranian media, the Kremlin offered Tehran ...": a report, by the Iranian media.
        Map<String, String> p3 = where("statements.csv", "paragraph", "3").get(0);
        assertEquals("report", p3.get("modality"));
        assertEquals("iranian-media", p3.get("attributed_to"));
        // "It is unlikely that Russia's navy will leave the Caspian Sea": an assessment, unlikely.
        Map<String, String> p4 = where("statements.csv", "paragraph", "4").get(0);
        assertEquals("assessment", p4.get("modality"));
        assertEquals("unlikely", p4.get("likelihood"));
        // "Officials in Baku fear that the Caspian Revolutionary Corps might attack Russian ships": a fear.
        List<Map<String, String>> p5 = where("statements.csv", "paragraph", "5");
        assertTrue(!p5.isEmpty() && p5.stream().allMatch(r -> r.get("modality").equals("fear")), p5.toString());
        // "If China joins the accord, Iran would buy more Chinese grain": a hypothetical.
        List<Map<String, String>> p6 = where("statements.csv", "paragraph", "6");
        assertTrue(!p6.isEmpty() && p6.stream().allMatch(r -> r.get("modality").equals("hypothetical")), p6.toString());
        // Each quote is a verbatim span of its paragraph, and the note lists the properties that fit.
        List<String> article = Files.readAllLines(TestProject.realHome().resolve("src/test/resources/suggest/article.txt"));
        for (Map<String, String> r : st) {
            assertTrue(article.get(Integer.parseInt(r.get("paragraph")) - 1).contains(r.get("quote")), r.get("quote"));
            assertTrue(r.get("note").contains("cue") || r.get("modality").equals("fact"), r.get("note"));
        }
        assertTrue(p3.get("note").contains("Fitting properties"), p3.get("note"));
    }
}
