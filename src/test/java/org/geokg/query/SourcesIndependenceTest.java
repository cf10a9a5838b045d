package org.geokg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.jena.query.Dataset;
import org.geokg.SecondSource;
import org.geokg.Sparql;
import org.geokg.TestProject;
import org.geokg.federation.Federation;
import org.geokg.federation.FederationSettings;
import org.geokg.federation.WikidataFixture;
import org.geokg.load.Loader;
import org.geokg.store.KgStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources are independent: a copy of the project with a second complete source (an invented
 * article and its rows, {@link SecondSource}) loads, and every query of the library, federated ones
 * included, still gives its expected answer about the first source. The second source is made to
 * overlap the first on purpose (the same states, an agreement, drills, a report, a fear, a
 * hypothetical, an arms delivery, SWIFT), so a query that does not say which source it asks about
 * would see it.
 */
class SourcesIndependenceTest {
    @TempDir static Path tmp;
    static TestProject project;
    static Path db;
    static Dataset ds;
    static WikidataFixture wikidata;
    static FederationSettings before;

    static final Path QUERIES = TestProject.realHome().resolve("queries");

    @BeforeAll
    static void loadBothSources() {
        project = TestProject.real(tmp);
        SecondSource.addTo(project);
        db = project.layout.defaultDb();
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ds = KgStore.open(project.layout.configFile(), db);
        wikidata = WikidataFixture.start();
        before = Federation.settings();
        // As an operator would: -Dkg.service.override=https://query.wikidata.org/sparql=URL
        String old = System.getProperty(FederationSettings.OVERRIDE_PROPERTY);
        System.setProperty(FederationSettings.OVERRIDE_PROPERTY, FederationSettings.WIKIDATA + "=" + wikidata.sparqlUrl());
        try {
            Federation.installFromEnvironment();
        } finally {
            if (old == null) System.clearProperty(FederationSettings.OVERRIDE_PROPERTY);
            else System.setProperty(FederationSettings.OVERRIDE_PROPERTY, old);
        }
    }

    @AfterAll
    static void tearDown() {
        if (ds != null) ds.close();
        if (wikidata != null) wikidata.close();
        if (before == null) Federation.uninstall();
        else Federation.install(before);
    }

    @Test
    void theSecondSourceIsLoadedAndOverlapsTheFirst() {
        ds.close();
        try {
            // In the union default graph, the second source adds to what the first says about the same things.
            assertEquals(Set.of("Iran", "Russia"), Sparql.column(project.layout, db,
                    "SELECT ?l { GRAPH <" + SecondSource.GRAPH + "> { kgr:grain-agreement-2026 kg:party ?p } ?p rdfs:label ?l }"));
            assertTrue(Sparql.ask(project.layout, db, "ASK { kgs:g2026-fertiliser-report kg:attributedTo kgr:iranian-media }"));
            assertTrue(Sparql.ask(project.layout, db, "ASK { kgr:caspian-drill-2026-05 kg:cameoCode ?c }"));
            assertTrue(Sparql.ask(project.layout, db, "ASK { kgr:rouble-clearing-channel kg:alternativeTo kgr:swift }"));
            assertTrue(Sparql.ask(project.layout, db, "ASK { kgs:g2026-fear-pressure kg:modality kg:Fear ; kg:step 1 }"));
        } finally {
            ds = KgStore.open(project.layout.configFile(), db);
        }
    }

    @TestFactory
    List<DynamicTest> everyLibraryQueryStillGivesItsExpectedAnswerAboutTheFirstSource() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : QueryFiles.names(QUERIES)) {
            String text = Files.readString(QUERIES.resolve(name + ".rq"), StandardCharsets.UTF_8);
            tests.add(DynamicTest.dynamicTest(name, () -> {
                ExpectedResults.Expected exp = ExpectedResults.read(ExpectedResults.expectedFile(QUERIES, name));
                ExpectedResults.assertMatches(exp, ExpectedResults.run(ds, text, exp.vars()));
            }));
        }
        assertTrue(tests.size() >= 30, "the whole library: " + tests.size());
        return tests;
    }
}
