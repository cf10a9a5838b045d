package org.geokg.federation;

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
import java.util.TreeSet;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.OpWalker;
import org.apache.jena.sparql.algebra.op.OpService;
import org.geokg.TestProject;
import org.geokg.load.Loader;
import org.geokg.query.ExpectedResults;
import org.geokg.query.QueryFiles;
import org.geokg.store.KgStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The federated queries of the library (those with a SERVICE clause), run offline: the real data is
 * loaded, a second endpoint on loopback serves the Wikidata fixture, and the documented override
 * (kg.service.override) points SERVICE &lt;https://query.wikidata.org/sparql&gt; at it.
 */
class FederatedQueriesTest {
    @TempDir static Path tmp;
    static Dataset ds;
    static WikidataFixture wikidata;
    static FederationSettings before;

    static final Path QUERIES = TestProject.realHome().resolve("queries");

    @BeforeAll
    static void setUp() {
        TestProject project = TestProject.real(tmp);
        Path db = project.layout.defaultDb();
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ds = KgStore.open(project.layout.configFile(), db);
        wikidata = WikidataFixture.start();
        before = Federation.settings();
        // Exactly what an operator writes: -Dkg.service.override=https://query.wikidata.org/sparql=URL
        String spec = FederationSettings.WIKIDATA + "=" + wikidata.sparqlUrl();
        Federation.install(FederationSettings.fromEnvironment(
                k -> k.equals(FederationSettings.OVERRIDE_PROPERTY) ? spec : null, k -> null));
    }

    @AfterAll
    static void tearDown() {
        if (ds != null) ds.close();
        if (wikidata != null) wikidata.close();
        if (before == null) Federation.uninstall();
        else Federation.install(before);
    }

    static String text(String name) throws IOException {
        return Files.readString(QUERIES.resolve(name + ".rq"), StandardCharsets.UTF_8);
    }

    /** The SERVICE endpoints a query calls. */
    static Set<String> services(Query q) {
        Set<String> out = new TreeSet<>();
        OpWalker.walk(Algebra.compile(q), new OpVisitorBase() {
            @Override
            public void visit(OpService op) {
                out.add(op.getService().toString());
            }
        });
        return out;
    }

    @TestFactory
    List<DynamicTest> everyFederatedQueryGivesItsExpectedResultAgainstTheFixture() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : QueryFiles.names(QUERIES)) {
            String text = text(name);
            Set<String> services = services(QueryFactory.create(text));
            if (services.isEmpty()) continue;
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assertEquals(Set.of(FederationSettings.WIKIDATA), services, name + " may only call Wikidata");
                ExpectedResults.Expected exp = ExpectedResults.read(ExpectedResults.expectedFile(QUERIES, name));
                ExpectedResults.assertMatches(exp, ExpectedResults.run(ds, text, exp.vars()));
            }));
        }
        assertTrue(tests.size() >= 3, "at least three federated queries, found " + tests.size());
        return tests;
    }
}
