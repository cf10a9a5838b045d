package org.geokg.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.geokg.Sparql;
import org.geokg.TestProject;
import org.geokg.load.Loader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GDELT event sample (../shared/gdelt/events-sample.tsv) loads through mappings/gdelt-events.ttl
 * into its own graph, each row a machine-coded report of GDELT's coder, never a stated fact. The
 * expected values are read from the file itself here, field by field (GDELT's column order), not off
 * the loaded data.
 */
class GdeltEventsTest {
    static final Path SAMPLE = TestProject.gdeltDir(TestProject.realHome()).resolve("events-sample.tsv");
    static final String GRAPH = "<https://w3id.org/geokg/graph/gdelt>";
    // 0-based field positions, from GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv
    static final int ID = 0, SQLDATE = 1, ACTOR1_COUNTRY = 7, ACTOR2_COUNTRY = 17, EVENT_CODE = 26,
            GOLDSTEIN = 30, MENTIONS = 31, TONE = 34, URL = 60;

    @TempDir static Path tmp;
    static TestProject project;
    static Path db;
    static List<String> lines;

    @BeforeAll
    static void loadTheRealDataWithTheSample() throws IOException {
        assumeTrue(Files.isRegularFile(SAMPLE), "skipped: the GDELT sample is not at " + SAMPLE
                + " (../shared/gdelt/ is absent), so there is nothing to load from it");
        lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
        project = TestProject.real(tmp);
        db = project.layout.defaultDb();
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    static Set<String> col(String q) { return Sparql.column(project.layout, db, q); }

    @Test
    void everyRowIsOneCodedEventInTheGdeltGraph() {
        assertEquals(Set.of(Integer.toString(lines.size())),
                col("SELECT (STR(COUNT(DISTINCT ?e)) AS ?n) { GRAPH " + GRAPH + " { ?e a kg:CodedEvent } }"));
        assertEquals(Set.of(), col("SELECT ?e { ?e a kg:CodedEvent FILTER NOT EXISTS { GRAPH " + GRAPH + " { ?e a kg:CodedEvent } } }"));
    }

    @Test
    void aCodedEventIsAReportOfTheCoderNeverAStatedFact() {
        assertEquals(Set.of("https://w3id.org/geokg/ontology#AttributedReport|https://w3id.org/geokg/ontology#GdeltEventCoder"),
                col("SELECT (CONCAT(STR(?m), '|', STR(?by)) AS ?x) { ?e a kg:CodedEvent ; kg:modality ?m ; kg:attributedTo ?by }"));
        // Nothing in the GDELT graph is said of our entities: no plain triple about Russia or Iran.
        assertEquals(Set.of(), col("SELECT DISTINCT ?s { GRAPH " + GRAPH + " { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), STR(kgr:))) }"));
        assertFalse(Sparql.ask(project.layout, db, "ASK { GRAPH " + GRAPH + " { ?s kg:modality kg:StatedFact } }"));
    }

    @Test
    void aRowsFieldsBecomeItsEventsValues() {
        String[] f = firstRowWith(ACTOR1_COUNTRY, "RUS");
        int line = lines.indexOf(String.join("\t", f)) + 1;
        String event = "<https://w3id.org/geokg/gdelt/event/" + f[ID] + ">";
        Map<String, String> r = Sparql.select(project.layout, db, "SELECT * { " + event
                + " kg:pointInTime ?date ; kg:timePrecision ?precision ; kg:cameoCode ?code ; kg:goldsteinScale ?goldstein ;"
                + " kg:numMentions ?mentions ; kg:averageTone ?tone ; kg:sourceUrl ?url ; kg:actor1 ?actor1 ;"
                + " kg:actor1CountryCode ?code1 ; kg:definedAt ?at ; prov:wasDerivedFrom ?derived }").get(0);
        String d = f[SQLDATE];
        assertEquals(d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6), r.get("date"));
        assertEquals("https://w3id.org/geokg/ontology#DayPrecision", r.get("precision"));
        assertEquals("https://w3id.org/geokg/cameo/" + f[EVENT_CODE], r.get("code"));
        assertEquals(0, new BigDecimal(f[GOLDSTEIN]).compareTo(new BigDecimal(r.get("goldstein"))));
        assertEquals(0, new BigDecimal(f[TONE]).compareTo(new BigDecimal(r.get("tone"))));
        assertEquals(f[MENTIONS], r.get("mentions"));
        assertEquals(f[URL], r.get("url"));
        assertEquals(f[URL], r.get("derived"), "the source URL is the event's provenance");
        assertEquals("https://w3id.org/geokg/resource/russia", r.get("actor1"), "RUS is kgr:russia (data/cameo-countries.csv)");
        assertEquals("RUS", r.get("code1"));
        assertEquals("../shared/gdelt/events-sample.tsv:" + line, r.get("at"));
    }

    @Test
    void anActorWhoseCountryCodeIsNotMappedKeepsOnlyItsCode() {
        String[] f = firstRowWith(ACTOR1_COUNTRY, "FRA");
        String event = "<https://w3id.org/geokg/gdelt/event/" + f[ID] + ">";
        assertEquals(Set.of("FRA"), col("SELECT ?c { " + event + " kg:actor1CountryCode ?c }"));
        assertEquals(Set.of(), col("SELECT ?a { " + event + " kg:actor1 ?a }"));
    }

    @Test
    void russiaIranRowsAreTheEventsBetweenKgrRussiaAndKgrIran() {
        long expected = lines.stream().map(l -> l.split("\t", -1))
                .filter(f -> f[ACTOR1_COUNTRY].equals("RUS") && f[ACTOR2_COUNTRY].equals("IRN")
                        || f[ACTOR1_COUNTRY].equals("IRN") && f[ACTOR2_COUNTRY].equals("RUS")).count();
        assertTrue(expected > 0);
        assertEquals(Set.of(Long.toString(expected)), col("SELECT (STR(COUNT(DISTINCT ?e)) AS ?n) {"
                + " ?e kg:actor1|kg:actor2 kgr:russia . ?e kg:actor1|kg:actor2 kgr:iran }"));
    }

    @Test
    void everyEventCodeIsAConceptOfTheCodebook() {
        assertEquals(Set.of(), col("SELECT DISTINCT ?c { ?e a kg:CodedEvent ; kg:cameoCode ?c"
                + " FILTER NOT EXISTS { ?c a skos:Concept ; skos:inScheme ?s } }"));
    }

    private static String[] firstRowWith(int field, String value) {
        for (String l : lines) {
            String[] f = l.split("\t", -1);
            if (f[field].equals(value)) return f;
        }
        throw new AssertionError("no row of " + SAMPLE + " has " + value + " in field " + (field + 1));
    }
}
