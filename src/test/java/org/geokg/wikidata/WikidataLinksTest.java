package org.geokg.wikidata;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.geokg.validate.Validator;
import org.geokg.TestProject;
import org.geokg.cli.Main;
import org.geokg.federation.WikidataFixture;
import org.geokg.load.LoadFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, requirement 6: the project owns its verified Wikidata links (a wikidata table, seeded in
 * data/wikidata.csv from ../shared/wikidata/verified.tsv); an entity may link only a listed QID; and
 * {@code kg wikidata check} lists the labels a Wikidata endpoint disagrees with. The endpoint here is
 * the local stand-in of src/test/resources/wikidata-fixture/wikidata.ttl, which labels Q159 "Russia",
 * Q148 "People's Republic of China" and has no Q23406.
 */
class WikidataLinksTest {
    @TempDir Path tmp;
    TestProject project;

    static final String TABLE = "qid,wikidata_label,verified_how,verified_on,note\n"
            + "Q159,Russia,test fixture,2026-12-03,\n"
            + "Q148,China,test fixture,2026-12-03,\n"
            + "Q23406,Red Sea,test fixture,2026-12-03,\n";

    @BeforeEach
    void fixture() {
        project = TestProject.fixture(tmp);
        project.write("wikidata.csv", TABLE);
    }

    @Test
    void anEntityMayLinkAListedQid() {
        linkAtlantisTo("Q159");
        assertDoesNotThrow(() -> Validator.validate(project.layout, quiet()));
    }

    @Test
    void aQidNotInTheProjectsListIsRejectedAtItsCell() {
        linkAtlantisTo("Q12345");
        LoadFailedException e = assertThrows(LoadFailedException.class, () -> Validator.validate(project.layout, quiet()));
        // line 2 (atlantis), column 5 (wikidata)
        assertTrue(e.getMessage().contains("data/entities.csv:2:5: unknown reference 'Q12345'; expected the id of a verified "
                + "Wikidata item defined in a wikidata table"), e.getMessage());
    }

    @Test
    void aMalformedQidSaysWhatAQidLooksLike() {
        linkAtlantisTo("Russia");
        LoadFailedException e = assertThrows(LoadFailedException.class, () -> Validator.validate(project.layout, quiet()));
        assertTrue(e.getMessage().contains("data/entities.csv:2:5: 'Russia' is not a Wikidata item id"), e.getMessage());
    }

    @Test
    void theLabelCheckListsWhatTheEndpointDisagreesWith() {
        List<LabelCheck.Entry> entries = LabelCheck.read(project.layout.home());
        assertEquals(List.of(new LabelCheck.Entry("Q159", "Russia", "data/wikidata.csv:2"),
                new LabelCheck.Entry("Q148", "China", "data/wikidata.csv:3"),
                new LabelCheck.Entry("Q23406", "Red Sea", "data/wikidata.csv:4")), entries);
        try (WikidataFixture wd = WikidataFixture.start()) {
            List<String> found = LabelCheck.check(entries, wd.settings()).stream().map(LabelCheck.Mismatch::describe).toList();
            assertEquals(List.of("Q148: data/wikidata.csv:3 says 'China', Wikidata says 'People's Republic of China'",
                    "Q23406: data/wikidata.csv:4 says 'Red Sea', Wikidata has no English label for it"), found);
        }
    }

    @Test
    void kgWikidataCheckOnTheProjectsOwnList() {
        // The real data/wikidata.csv against the stand-in: Q148 differs, Q159 matches; exit code 1.
        try (WikidataFixture wd = WikidataFixture.start()) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute("wikidata", "check", "--endpoint", wd.sparqlUrl());
            assertEquals(1, code, out + "\n" + err);
            assertTrue(out.toString().contains("Q148: data/wikidata.csv:4 says 'China', Wikidata says 'People's Republic of China'"), out.toString());
            assertTrue(!out.toString().contains("Q159:"), out.toString());
            assertTrue(out.toString().contains("labels differ from " + wd.sparqlUrl()), out.toString());
        }
    }

    private void linkAtlantisTo(String qid) {
        project.write("entities.csv", project.read("entities.csv").replace("atlantis,State,Atlantis,,,", "atlantis,State,Atlantis,," + qid + ","));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
