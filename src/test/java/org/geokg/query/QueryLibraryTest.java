package org.geokg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.TxnType;
import org.apache.jena.rdf.model.RDFNode;
import org.geokg.TestProject;
import org.geokg.cli.Main;
import org.geokg.load.Loader;
import org.geokg.store.KgStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query under queries/ against a database loaded from the real data, compared with its
 * hand-written expected result under queries/expected/ (federated ones: see FederatedQueriesTest).
 */
class QueryLibraryTest {
    @TempDir static Path tmp;
    static TestProject project;
    static Path db;
    static Dataset ds;

    static final Path QUERIES = TestProject.realHome().resolve("queries");

    @BeforeAll
    static void load() {
        project = TestProject.real(tmp);
        db = project.layout.defaultDb();
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        ds = KgStore.open(project.layout.configFile(), db);
    }

    @AfterAll
    static void close() {
        if (ds != null) ds.close();
    }

    static List<String> names() {
        return QueryFiles.names(QUERIES);
    }

    static String text(String name) {
        try {
            return Files.readString(QUERIES.resolve(name + ".rq"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A query that needs material from outside the project says so in a {@code # Needs: PATH} line
     * (PATH relative to the project home, like ../shared/gdelt/events-sample.tsv); it is skipped,
     * saying why, when that material is absent.
     */
    static void assumeWhatItNeeds(String name) {
        for (String line : text(name).lines().toList()) {
            if (!line.startsWith("# Needs: ")) continue;
            Path needed = TestProject.realHome().resolve(line.substring("# Needs: ".length()).strip()).normalize();
            Assumptions.assumeTrue(Files.exists(needed), name + " needs " + needed + ", which is absent: skipped");
        }
    }

    static boolean federated(String name) {
        return ExpectedResults.SERVICE.matcher(QueryFactory.create(text(name)).toString()).find();
    }

    @Test
    void theLibraryHasAtLeastThirtyQueriesEachWithAQuestionAndAnExpectedResult() throws IOException {
        List<String> names = names();
        assertTrue(names.size() >= 30, "at least 30 queries, found " + names.size());
        for (String n : names) {
            String first = text(n).lines().findFirst().orElse("");
            assertTrue(first.startsWith("# Question: ") && first.contains("?"),
                    n + ".rq must start with a '# Question: ...?' line, not: " + first);
            assertTrue(Files.isRegularFile(ExpectedResults.expectedFile(QUERIES, n)), "no expected result for " + n);
        }
        // and no expected result without its query
        Set<String> orphans = new TreeSet<>();
        try (Stream<Path> s = Files.list(QUERIES.resolve("expected"))) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".csv"))
                    .map(f -> f.substring(0, f.length() - 4)).filter(f -> !names.contains(f)).forEach(orphans::add);
        }
        assertEquals(Set.of(), orphans, "expected results without a query");
        long fed = names.stream().filter(QueryLibraryTest::federated).count();
        assertTrue(fed >= 3, "at least three Wikidata-federated queries, found " + fed);
    }

    @TestFactory
    List<DynamicTest> everyQueryGivesItsExpectedResult() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : names()) {
            if (federated(name)) continue;
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assumeWhatItNeeds(name);
                ExpectedResults.Expected exp = ExpectedResults.read(ExpectedResults.expectedFile(QUERIES, name));
                List<List<String>> actual = ExpectedResults.run(ds, text(name), exp.vars());
                ExpectedResults.assertMatches(exp, actual);
            }));
        }
        assertTrue(tests.size() >= 30, "at least 30 local queries, found " + tests.size());
        return tests;
    }

    /**
     * Every IRI a library query returns that has a label in the graph comes with that label, in the
     * column named after it ({@code ?party} and {@code ?partyLabel}): Fuseki's UI shortens long IRIs
     * until China, Iran and Russia look alike, so the label is what makes a result readable there.
     */
    @TestFactory
    List<DynamicTest> everyLabelledIriInAResultHasItsLabelBesideIt() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : names()) {
            if (federated(name)) continue;
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assumeWhatItNeeds(name);
                List<String> problems = new ArrayList<>();
                ds.begin(TxnType.READ);
                try (QueryExecution qe =
                             QueryExecution.dataset(ds).query(text(name)).build()) {
                    ResultSet rs = qe.execSelect();
                    List<String> vars = rs.getResultVars();
                    while (rs.hasNext()) {
                        QuerySolution row = rs.next();
                        for (String v : vars) {
                            RDFNode n = row.get(v);
                            if (n == null || !n.isURIResource()) continue;
                            String label = labelOf(n.asResource().getURI());
                            if (label == null) continue;
                            RDFNode shown = row.get(v + "Label");
                            if (!vars.contains(v + "Label"))
                                problems.add("?" + v + " (" + ExpectedResults.render(n) + ") has no ?" + v + "Label column");
                            else if (shown == null || !shown.isLiteral() || !label.equals(shown.asLiteral().getLexicalForm()))
                                problems.add("?" + v + "Label is " + shown + " beside " + ExpectedResults.render(n)
                                        + ", whose label is '" + label + "'");
                        }
                    }
                } finally {
                    ds.end();
                }
                assertEquals(List.of(), problems.stream().distinct().toList(), name + ".rq");
            }));
        }
        return tests;
    }

    /** The label an IRI has in the graph (rdfs:label, for a source dcterms:title), or null. Call inside a read transaction. */
    private static String labelOf(String iri) {
        String q = "SELECT ?l { { <" + iri + "> <http://www.w3.org/2000/01/rdf-schema#label> ?l } UNION { <" + iri
                + "> <http://purl.org/dc/terms/title> ?l } } LIMIT 1";
        try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
            ResultSet rs = qe.execSelect();
            return rs.hasNext() ? rs.next().getLiteral("l").getLexicalForm() : null;
        }
    }

    /** {@code kg query NAME --format csv} finds the query by name and prints its result. */
    @Test
    void kgQueryRunsALibraryQueryByName() {
        String home = System.getProperty("kg.home");
        String state = System.getProperty("kg.state");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int code;
        ds.close(); // the CLI opens the database itself; its text index allows one writer per JVM
        try {
            System.setProperty("kg.home", project.layout.home().toString());
            System.setProperty("kg.state", project.layout.state().toString());
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            code = Main.commandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                    .execute("query", "ceasefire", "--format", "csv");
        } finally {
            System.setOut(stdout);
            restore("kg.home", home);
            restore("kg.state", state);
            ds = KgStore.open(project.layout.configFile(), db);
        }
        assertEquals(0, code, err.toString());
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of(
                "agreement,agreementLabel,broker,brokerLabel,party,partyLabel,days,scope",
                "https://w3id.org/geokg/resource/ceasefire-2025,US-brokered 30-day partial ceasefire agreement between Russia and Ukraine,"
                        + "https://w3id.org/geokg/resource/united-states,United States,https://w3id.org/geokg/resource/russia,Russia,30,partial",
                "https://w3id.org/geokg/resource/ceasefire-2025,US-brokered 30-day partial ceasefire agreement between Russia and Ukraine,"
                        + "https://w3id.org/geokg/resource/united-states,United States,https://w3id.org/geokg/resource/ukraine,Ukraine,30,partial"),
                lines);
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }
}
