package org.geokg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.geokg.validate.Validator;
import org.geokg.Sparql;
import org.geokg.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the small fixture, then asking the database what the mapping promises. */
class LoaderTest {
    @TempDir Path tmp;
    TestProject project;
    Path db;
    Loader.Summary summary;

    @BeforeEach
    void load() {
        project = TestProject.fixture(tmp);
        db = project.layout.defaultDb();
        summary = Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private Set<String> col(String q) { return Sparql.column(project.layout, db, q); }
    private boolean ask(String q) { return Sparql.ask(project.layout, db, q); }

    @Test
    void oneNamedGraphPerSourceAndOneForTheOntology() {
        assertEquals(Set.of("https://w3id.org/geokg/graph/fixture", "https://w3id.org/geokg/graph/ontology"),
                summary.triplesPerGraph().keySet());
        assertTrue(summary.triplesPerGraph().values().stream().allMatch(n -> n > 0));
    }

    @Test
    void theDefaultGraphIsTheUnionOfTheNamedGraphs() {
        // Who are the parties of the treaty? Asked without naming any graph.
        assertEquals(Set.of("https://w3id.org/geokg/resource/atlantis", "https://w3id.org/geokg/resource/lemuria"),
                col("SELECT ?p { kgr:treaty kg:party ?p }"));
        assertTrue(ask("ASK { kg:Treaty a owl:Class }"), "ontology graph visible in the default graph");
    }

    @Test
    void aStatedFactIsAPlainTripleAndAClaimWithItsReference() {
        assertTrue(ask("ASK { kgr:treaty kg:signedOn \"2024-05-04\"^^xsd:date }"));
        assertEquals(Set.of("1|Atlantis and Lemuria signed a treaty|https://w3id.org/geokg/source/fixture"),
                col("SELECT (CONCAT(STR(?para), '|', ?q, '|', STR(?src)) AS ?x) {"
                        + " ?c rdf:subject kgr:treaty ; rdf:predicate kg:party ; rdf:object kgr:atlantis ;"
                        + "    kg:modality kg:StatedFact ; kg:paragraph ?para ; kg:quote ?q ; kg:source ?src }"));
    }

    @Test
    void reportsAndAssessmentsAreClaimsOnlyNeverPlainTriples() {
        // "According to the Tide Herald, Atlantis has supplied Lemuria with ships since 2019."
        assertEquals(Set.of("https://w3id.org/geokg/resource/herald"),
                col("SELECT ?who { kgs:ships kg:modality kg:AttributedReport ; kg:attributedTo ?who }"));
        assertFalse(ask("ASK { kgr:lemuria kg:willAbandon ?x }"), "an assessment must not be a plain triple");
        assertEquals(Set.of("https://w3id.org/geokg/ontology#Unlikely"),
                col("SELECT ?l { kgs:abandon kg:modality kg:AuthorAssessment ; kg:likelihood ?l }"));
    }

    @Test
    void datesKeepTheirPrecision() {
        assertEquals(Set.of("2019|http://www.w3.org/2001/XMLSchema#gYear|https://w3id.org/geokg/ontology#YearPrecision"),
                col("SELECT (CONCAT(STR(?t), '|', STR(DATATYPE(?t)), '|', STR(?p)) AS ?x) { kgs:ships kg:startTime ?t ; kg:startTimePrecision ?p ; kg:timePrecision ?p }"));
        assertEquals(Set.of("2024-06"), col("SELECT (STR(?d) AS ?x) { src:fixture kg:published ?d }"));
    }

    @Test
    void whatTheOntologyImpliesIsMaterialised() {
        // superclass, owl:hasValue, symmetric, superproperty, inverse
        assertTrue(ask("ASK { kgr:atlantis a kg:Actor }"));
        assertTrue(ask("ASK { kgr:treaty a kg:Event ; kg:eventCode kg:Code057 }"));
        assertTrue(ask("ASK { kgr:lemuria kg:partnerOf kgr:atlantis }"));
        assertTrue(ask("ASK { kgr:lemuria kg:relatedTo kgr:atlantis }"));
        assertTrue(ask("ASK { kgr:lemuria kg:suppliedBy kgr:atlantis }"));
        assertTrue(ask("ASK { kgs:ships a prov:Entity ; prov:wasDerivedFrom src:fixture }"));
    }

    @Test
    void labelsAndQuotesAreInTheFullTextIndex() {
        assertEquals(Set.of("https://w3id.org/geokg/resource/lemuria"),
                col("SELECT ?s { ?s text:query (skos:altLabel 'republic') }"));
        assertEquals(Set.of("https://w3id.org/geokg/statement/grain"),
                col("SELECT ?s { ?s text:query (kg:quote 'grain') }"));
    }

    @Test
    void validateAcceptsGoodDataAndLeavesNothingBehind() throws Exception {
        Path before = Files.readSymbolicLink(db);
        Validator.validate(project.layout, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(before, Files.readSymbolicLink(db));
        // It builds no database at all, not even a scratch one.
        if (Files.exists(project.layout.tmpDir()))
            try (var s = Files.list(project.layout.tmpDir())) {
                assertEquals(0, s.count(), "validate left nothing under var/tmp");
            }
    }

    @Test
    void aTableWhoseFileLivesOutsideTheProjectIsSkippedWithAWarningWhenAbsent() {
        // The fixture has no ../shared/gdelt: the GDELT mapping's input is not there.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Loader.load(project.layout, db, new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("warning: mappings/gdelt-events.ttl: input ") && printed.contains("events-sample.tsv not found: "
                + "the gdelt-events table was not loaded"), printed);
    }

    @Test
    void everyNodeRemembersItsCsvRow() {
        assertEquals(Set.of("data/statements.csv:9"), col("SELECT ?o { kgs:grain kg:definedAt ?o }"));
    }

    @Test
    void theLinkPointsAtACompleteGenerationAndReloadingReplacesIt() throws Exception {
        Path first = Files.readSymbolicLink(db);
        assertTrue(Files.isRegularFile(db.resolveSibling(first).resolve("COMPLETE")));
        assertEquals(null, Loader.staleness(project.layout, db));
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Path second = Files.readSymbolicLink(db);
        assertFalse(first.equals(second));
        assertFalse(Files.exists(db.resolveSibling(first)), "the previous generation, open nowhere, is removed");
    }

    @Test
    void aGenerationStillOpenIsNotRemovedByTheNextLoad() throws Exception {
        Path first = db.resolveSibling(Files.readSymbolicLink(db));
        var open = org.geokg.store.KgStore.open(project.layout.configFile(), first);
        try {
            assertTrue(org.geokg.store.Generations.inUse(first));
            Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertTrue(Files.isDirectory(first), "a generation a reader still has open stays");
        } finally {
            org.geokg.store.KgStore.close(open);
        }
        assertFalse(org.geokg.store.Generations.inUse(first), "closing releases it");
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertFalse(Files.exists(first), "released, it goes with the next load");
    }
}
