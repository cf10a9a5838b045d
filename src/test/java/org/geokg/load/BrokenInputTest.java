package org.geokg.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.geokg.validate.Validator;
import org.geokg.TestProject;
import org.geokg.store.KgStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken input is rejected with its FILE:LINE:COLUMN and what was expected, and the database that
 * was there before is left exactly as it was.
 */
class BrokenInputTest {
    @TempDir Path tmp;
    TestProject project;
    Path db;
    String before;
    Path generationBefore;

    static final String GOOD_ROW_TAIL = ",fact,,,,,fixture,1,Atlantis and Lemuria signed a treaty,";

    @BeforeEach
    void loadAGoodDatabaseFirst() throws IOException {
        project = TestProject.fixture(tmp);
        db = project.layout.defaultDb();
        Loader.load(project.layout, db, quiet());
        before = dump();
        generationBefore = Files.readSymbolicLink(db);
    }

    static Stream<Arguments> brokenInputs() {
        return Stream.of(
                Arguments.of("unterminated quote", "statements.csv",
                        "bad,atlantis,partnerOf,lemuria,fact,,,,,fixture,1,\"Atlantis and Lemuria signed,\n",
                        "data/statements.csv:10:12: quoted field opened here is never closed"),
                Arguments.of("wrong column count", "statements.csv", "short,atlantis,partnerOf\n",
                        "data/statements.csv:10:4: row has 3 fields, expected 13"),
                Arguments.of("unknown reference", "statements.csv", "x,atlantis,partnerOf,mu" + GOOD_ROW_TAIL + "\n",
                        "data/statements.csv:10:4: unknown reference 'mu'; expected the id of an entity"),
                Arguments.of("bad date", "statements.csv",
                        "d,atlantis,partnerOf,lemuria,fact,,,2024-02-30,,fixture,1,Atlantis and Lemuria signed a treaty,\n",
                        "data/statements.csv:10:8: bad date in column 'point_in_time': '2024-02-30' is not a real date"),
                Arguments.of("duplicate id", "statements.csv", "grain,atlantis,partnerOf,lemuria" + GOOD_ROW_TAIL + "\n",
                        "data/statements.csv:10:1: duplicate id 'grain', already defined at data/statements.csv:9"),
                Arguments.of("unknown property", "statements.csv", "p,atlantis,befriends,lemuria" + GOOD_ROW_TAIL + "\n",
                        "data/statements.csv:10:3: 'befriends' is not a property of the ontology"),
                Arguments.of("quote not in the article", "statements.csv",
                        "q,atlantis,partnerOf,lemuria,fact,,,,,fixture,1,Atlantis and Lemuria are friends,\n",
                        "data/statements.csv:10:12: quote is not a verbatim span of paragraph 1"),
                Arguments.of("assessment without likelihood", "statements.csv",
                        "a,atlantis,partnerOf,lemuria,assessment,,,,,fixture,1,Atlantis and Lemuria signed a treaty,\n",
                        // A rule on claims, so a SHACL shape's (the shapes, not the loader, hold the modality rules).
                        "data/statements.csv:10: SHACL violation: focus kgs:a: an assessment needs a likelihood"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInputs")
    void rejectedWithItsPlaceAndThePreviousDatabaseUnchanged(String what, String file, String appended, String expected)
            throws IOException {
        project.write(file, project.read(file) + appended);
        assertRejected(expected);
    }

    @Test
    void bytesThatAreNotUtf8() throws IOException {
        byte[] good = project.read("entities.csv").getBytes(StandardCharsets.UTF_8);
        String text = new String(good, StandardCharsets.UTF_8);
        int at = text.indexOf("lemuria,State,Lemuria") + "lemuria,State,".length();
        byte[] broken = new byte[good.length + 1];
        System.arraycopy(good, 0, broken, 0, at);
        broken[at] = (byte) 0xFF;
        System.arraycopy(good, at, broken, at + 1, good.length - at);
        project.writeBytes("entities.csv", broken);
        assertRejected("data/entities.csv:3:3: bytes that are not valid UTF-8");
    }

    @Test
    void aShapeViolationNamesTheCsvRowItCameFrom() throws IOException {
        // The fixture's shapes ask for at least two parties to a treaty; this one has one.
        project.write("entities.csv", project.read("entities.csv")
                + "pact,Treaty,Atlantis pact,,,,fixture,1,signed a treaty in Poseidonia\n");
        project.write("statements.csv", project.read("statements.csv")
                + "pact-party,pact,party,atlantis" + GOOD_ROW_TAIL + "\n");
        String report = assertRejected("data/entities.csv:6: SHACL violation: focus kgr:pact, path kg:party");
        assertTrue(report.contains("a treaty has at least two parties"), report);
    }

    @Test
    void aBadRowOfATableWithoutHeaderIsLocatedToo() throws IOException {
        // A GDELT export (mappings/gdelt-events.ttl): 61 tab-separated fields, no header row.
        String[] good = new String[61];
        java.util.Arrays.fill(good, "");
        good[0] = "1"; good[1] = "20191024"; good[26] = "042"; good[30] = "1.9"; good[31] = "3"; good[34] = "-1.5";
        good[60] = "https://example.org/report";
        String[] badDate = good.clone();
        badDate[0] = "2"; badDate[1] = "20191341";
        String shortRow = String.join("\t", java.util.Arrays.copyOf(good, 60)).replaceFirst("^1", "3");
        Path tsv = org.geokg.TestProject.gdeltDir(project.layout.home()).resolve("events-sample.tsv");
        Files.createDirectories(tsv.getParent());
        Files.writeString(tsv, String.join("\t", good) + "\n" + String.join("\t", badDate) + "\n" + shortRow + "\n");
        String report = assertRejected("../shared/gdelt/events-sample.tsv:2:2: '20191341' is not a date; expected YYYYMMDD");
        assertTrue(report.contains("../shared/gdelt/events-sample.tsv:3:61: row has 60 fields, expected 61 as its mapping names"), report);
        assertTrue(report.endsWith("2 problems"), report);
    }

    @Test
    void anEmptyFile() throws IOException {
        project.write("more.csv", "");
        assertRejected("data/more.csv:1:1: empty file; expected a header row");
    }

    @Test
    void everyProblemIsListedNotOnlyTheFirst() throws IOException {
        project.write("statements.csv", project.read("statements.csv")
                + "x,atlantis,partnerOf,mu" + GOOD_ROW_TAIL + "\n"
                + "grain,atlantis,partnerOf,lemuria" + GOOD_ROW_TAIL + "\n");
        String report = assertRejected("data/statements.csv:10:4: unknown reference 'mu'");
        assertTrue(report.contains("data/statements.csv:11:1: duplicate id 'grain'"), report);
        assertTrue(report.endsWith("2 problems"), report);
    }

    @Test
    void aStrayQuoteDoesNotHideTheRestOfTheFile() throws IOException {
        project.write("statements.csv", project.read("statements.csv")
                + "stray,atlantis,partnerOf,lemuria,fact,,,,,fixture,1,\"Atlantis and Lemuria signed a treaty,\n"
                + "x,atlantis,partnerOf,mu" + GOOD_ROW_TAIL + "\n"
                + "ok,atlantis,partnerOf,lemuria,fact,,,,,fixture,1,\"Atlantis and Lemuria signed a treaty\",\"a note, quoted\"\n"
                + "grain,atlantis,partnerOf,lemuria" + GOOD_ROW_TAIL + "\n");
        // The quote opened at 10:12 is reported there (not where a later quote happened to "close" it),
        // and the rows after it are still read and checked.
        String report = assertRejected("data/statements.csv:10:12: quoted field opened here runs to line 12");
        assertTrue(report.contains("data/statements.csv:11:4: unknown reference 'mu'"), report);
        assertTrue(report.contains("data/statements.csv:13:1: duplicate id 'grain'"), report);
        assertTrue(report.endsWith("3 problems"), report);
    }

    @Test
    void anUnterminatedQuoteIsReportedWhereItOpensAndTheFileReadOn() throws IOException {
        project.write("statements.csv", project.read("statements.csv")
                + "bad,atlantis,partnerOf,lemuria,fact,,,,,fixture,1,\"Atlantis and Lemuria signed,\n"
                + "x,atlantis,partnerOf,mu" + GOOD_ROW_TAIL + "\n"
                + "short,atlantis,partnerOf\n");
        String report = assertRejected("data/statements.csv:10:12: quoted field opened here is never closed");
        assertTrue(report.contains("data/statements.csv:11:4: unknown reference 'mu'"), report);
        assertTrue(report.contains("data/statements.csv:12:4: row has 3 fields, expected 13"), report);
    }

    @Test
    void aStrayQuoteFarIntoALargeFileIsFoundAfterTheRowsBeforeItWereChecked() throws IOException {
        // Well past what the parser reads ahead: the rows before the stray quote have been mapped in the
        // one pass before it is found; each problem, before and after it, is still reported once.
        StringBuilder sb = new StringBuilder(project.read("statements.csv"));
        sb.append("x1,atlantis,partnerOf,mu").append(GOOD_ROW_TAIL).append('\n');            // line 10
        for (int i = 0; i < 3000; i++) sb.append("g").append(i).append(",atlantis,partnerOf,lemuria").append(GOOD_ROW_TAIL).append('\n');
        sb.append("stray,atlantis,partnerOf,lemuria,fact,,,,,fixture,1,Atlantis and \"Lemuria\n");   // line 3011
        sb.append("x2,atlantis,partnerOf,mu").append(GOOD_ROW_TAIL).append('\n');            // line 3012
        sb.append("g0,atlantis,partnerOf,lemuria").append(GOOD_ROW_TAIL).append('\n');       // line 3013
        project.write("statements.csv", sb.toString());
        String report = assertRejected("data/statements.csv:10:4: unknown reference 'mu'");
        assertTrue(report.contains("data/statements.csv:3011:12: a \" inside an unquoted field"), report);
        assertTrue(report.contains("data/statements.csv:3012:4: unknown reference 'mu'"), report);
        assertTrue(report.contains("data/statements.csv:3013:1: duplicate id 'g0', already defined at data/statements.csv:11"), report);
        assertTrue(report.endsWith("4 problems"), report);
    }

    @Test
    void aNulCharacterInAnyCellIsAnError() throws IOException {
        project.write("statements.csv", project.read("statements.csv")
                + "n,atlantis,partnerOf,lemuria" + GOOD_ROW_TAIL + "a note\u0000with a NUL\n"
                + "m,atlantis,partnerOf,lemuria" + GOOD_ROW_TAIL + "\"quoted\u0000note\"\n");
        String report = assertRejected("data/statements.csv:10:13: a NUL character (byte 0) in a field");
        assertTrue(report.contains("data/statements.csv:11:13: a NUL character (byte 0) in a field"), report);
    }

    @Test
    void aLinkUnderDataToAFileOutsideTheProjectIsRefused() throws IOException {
        Path outside = Files.writeString(Files.createDirectories(project.root.resolve("elsewhere")).resolve("more.csv"),
                "id,subject,property,object\n");
        Files.createSymbolicLink(project.data("linked.csv"), outside);
        assertRejected("data/linked.csv: a symbolic link to " + outside.toRealPath() + ", outside the project");
    }

    @Test
    void aLinkedFolderOutsideTheProjectIsRefusedNotSkipped() throws IOException {
        Path outside = Files.createDirectories(project.root.resolve("elsewhere-folder"));
        Files.writeString(outside.resolve("more.csv"), "id,subject,property,object\n");
        Files.createSymbolicLink(project.data("more"), outside);
        assertRejected("data/more: a symbolic link to " + outside.toRealPath() + ", outside the project");
    }

    @Test
    void aLinkedFolderInsideTheProjectIsFollowed() throws IOException {
        // Its table is read: a problem in it is reported under the linked name.
        Path inside = Files.createDirectories(project.layout.home().resolve("more-data"));
        Files.writeString(inside.resolve("statements.csv"), project.read("statements.csv").lines().findFirst().orElseThrow()
                + "\nx,atlantis,partnerOf,mu" + GOOD_ROW_TAIL + "\n");
        Files.createSymbolicLink(project.data("more"), inside);
        assertRejected("data/more/statements.csv:2:4: unknown reference 'mu'");
    }

    @Test
    void aDanglingLinkIsReported() throws IOException {
        Files.createSymbolicLink(project.data("gone.csv"), project.layout.home().resolve("no-such-file.csv"));
        assertRejected("data/gone.csv: a symbolic link to ");
    }

    @Test
    void validateReportsTheSameAndWritesNothing() throws IOException {
        project.write("statements.csv", project.read("statements.csv") + "short,atlantis,partnerOf\n");
        LoadFailedException e = assertThrows(LoadFailedException.class, () -> Validator.validate(project.layout, quiet()));
        assertTrue(e.getMessage().contains("data/statements.csv:10:4: row has 3 fields"), e.getMessage());
        assertEquals(before, dump());
        if (Files.exists(project.layout.tmpDir()))
            try (Stream<Path> s = Files.list(project.layout.tmpDir())) {
                assertEquals(List.of(), s.toList(), "validate leaves no scratch files behind");
            }
    }

    private String assertRejected(String expected) throws IOException {
        LoadFailedException e = assertThrows(LoadFailedException.class, () -> Loader.load(project.layout, db, quiet()));
        assertTrue(e.getMessage().contains(expected), "expected «" + expected + "» in:\n" + e.getMessage());
        assertEquals(generationBefore, Files.readSymbolicLink(db), "the link still points at the previous database");
        assertEquals(before, dump(), "the previous database is unchanged");
        try (Stream<Path> s = Files.list(db.getParent())) {
            long generations = s.filter(p -> p.getFileName().toString().matches("kg\\.\\d.*")).count();
            assertEquals(1, generations, "the failed build left no directory behind");
        }
        return e.getMessage();
    }

    /** Every quad of the current database, sorted, as N-Quads. */
    private String dump() {
        Dataset ds = KgStore.open(project.layout.configFile(), db);
        try {
            ds.begin(TxnType.READ);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RDFDataMgr.write(out, ds.asDatasetGraph(), Lang.NQUADS);
            ds.end();
            return String.join("\n", Stream.of(out.toString(StandardCharsets.UTF_8).split("\n")).sorted().toList());
        } finally {
            KgStore.close(ds);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
