package org.geokg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.geokg.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: a separate JVM, its exit code, what it prints where. */
class CommandLineProcessTest {
    @TempDir Path tmp;

    private KgProcess.Run kg(TestProject project, String... args) throws IOException, InterruptedException {
        return KgProcess.run(project, tmp, Map.of(), args);
    }

    @Test
    void loadPrintsTheTriplesPerNamedGraphAndTheTime() throws Exception {
        TestProject project = TestProject.fixture(tmp.resolve("p"));
        KgProcess.Run r = kg(project, "load");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("<https://w3id.org/geokg/graph/fixture>"), r.out());
        assertTrue(r.out().contains("<https://w3id.org/geokg/graph/ontology>"), r.out());
        assertTrue(r.out().matches("(?s).*triples in 2 named graphs, loaded in [0-9.]+ s.*"), r.out());

        Path q = tmp.resolve("parties.rq");
        Files.writeString(q, "PREFIX kg: <https://w3id.org/geokg/ontology#> PREFIX kgr: <https://w3id.org/geokg/resource/>\n"
                + "SELECT ?p { kgr:treaty kg:party ?p } ORDER BY ?p");
        KgProcess.Run csv = kg(project, "query", q.toString(), "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        assertEquals("p\r\nhttps://w3id.org/geokg/resource/atlantis\r\nhttps://w3id.org/geokg/resource/lemuria\r\n", csv.out());
    }

    @Test
    void validateListsEveryProblemOnStderrAndExitsOne() throws Exception {
        TestProject project = TestProject.fixture(tmp.resolve("p"));
        project.write("statements.csv", project.read("statements.csv") + "short,atlantis,partnerOf\n"
                + "x,atlantis,partnerOf,mu,fact,,,,,fixture,1,Atlantis and Lemuria signed a treaty,\n");
        KgProcess.Run r = kg(project, "validate");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("data/statements.csv:10:4: row has 3 fields, expected 13"), r.err());
        assertTrue(r.err().contains("data/statements.csv:11:4: unknown reference 'mu'"), r.err());
        assertTrue(r.err().strip().endsWith("2 problems"), r.err());
    }

    @Test
    void queryWithoutADatabaseSaysWhatToDo() throws Exception {
        TestProject project = TestProject.fixture(tmp.resolve("p"));
        Path q = tmp.resolve("any.rq");
        Files.writeString(q, "SELECT * { ?s ?p ?o } LIMIT 1");
        KgProcess.Run r = kg(project, "query", q.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("run 'kg load' first"), r.err());
        assertEquals(List.of(), listOrEmpty(project.layout.state().resolve("db")), "query never loads");
    }

    @Test
    void everySubcommandHasHelp() throws Exception {
        TestProject project = TestProject.fixture(tmp.resolve("p"));
        KgProcess.Run top = kg(project, "--help");
        assertEquals(0, top.exit());
        for (String sub : List.of("validate", "load", "serve", "query", "export", "bench")) {
            assertTrue(top.out().contains("  " + sub + " "), "kg --help lists " + sub);
            KgProcess.Run r = kg(project, sub, "--help");
            assertEquals(0, r.exit(), sub + " --help");
            assertTrue(r.out().startsWith("Usage: kg " + sub), r.out());
        }
    }

    private static List<Path> listOrEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }
}
