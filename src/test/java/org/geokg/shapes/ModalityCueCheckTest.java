package org.geokg.shapes;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.geokg.validate.Validator;
import org.geokg.TestProject;
import org.geokg.load.LoadFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, requirement 1: a fact whose quote holds a cue of another modality is reported at the
 * quote's cell, unless its note names the cue in quotation marks. Paragraph 3 of the fixture article reads "It is
 * unlikely that Lemuria will abandon the treaty, the author writes."
 */
class ModalityCueCheckTest {
    @TempDir Path tmp;
    TestProject project;

    static final String UNLIKELY_FACT = "cue,lemuria,partnerOf,atlantis,fact,,,,,fixture,3,"
            + "It is unlikely that Lemuria will abandon the treaty,";

    @BeforeEach
    void fixture() {
        project = TestProject.fixture(tmp);
    }

    @Test
    void aFactQuotingUnlikelyIsReportedAtItsQuoteCell() {
        project.write("statements.csv", project.read("statements.csv") + UNLIKELY_FACT + "\n");
        LoadFailedException e = assertThrows(LoadFailedException.class, () -> Validator.validate(project.layout, quiet()));
        // line 10 (header + 8 fixture rows + this one), column 12 = quote
        assertTrue(e.getMessage().contains("data/statements.csv:10:12: a fact's quote contains 'unlikely'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("1 problem"), "'unlikely' is not also taken for 'likely': " + e.getMessage());
    }

    @Test
    void aNoteNamingTheCueSaysWhyItDoesNotGovernTheFact() {
        project.write("statements.csv", project.read("statements.csv") + UNLIKELY_FACT
                + "'unlikely' governs the abandoning; the partnership itself is stated\n");
        assertDoesNotThrow(() -> Validator.validate(project.layout, quiet()));
    }

    @Test
    void aNoteThatDoesNotNameTheCueIsNoExcuse() {
        project.write("statements.csv", project.read("statements.csv") + UNLIKELY_FACT + "read with care\n");
        assertThrows(LoadFailedException.class, () -> Validator.validate(project.layout, quiet()));
    }

    @Test
    void theCueUsedInPassingInTheNoteIsNoExcuse() {
        // The note must quote the cue to explain it; the word in its prose explains nothing.
        project.write("statements.csv", project.read("statements.csv") + UNLIKELY_FACT
                + "unlikely as it sounds; read with care\n");
        LoadFailedException e = assertThrows(LoadFailedException.class, () -> Validator.validate(project.layout, quiet()));
        assertTrue(e.getMessage().contains("data/statements.csv:10:12: a fact's quote contains 'unlikely'"), e.getMessage());
    }

    @Test
    void aFactQuotingTheArticlesMayIsReportedAtItsQuoteCell(@TempDir Path real) {
        // Paragraph 11 of the real article: "the Kremlin may reward the Trump administration and Israel".
        TestProject p = TestProject.real(real);
        assumeTrue(Files.isRegularFile(p.layout.sharedSources().resolve("russia-iran-2025.txt")),
                "skipped: the article is not in ../shared/sources, so its quotes cannot be checked");
        String statements = p.read("statements.csv");
        long line = statements.lines().count() + 1;
        p.write("statements.csv", statements + "p11-kremlin-may-reward-as-fact,russia,rewards,israel,fact,,,,,,,,,,"
                + "russia-iran-2025,11,the Kremlin may reward the Trump administration and Israel,\n");
        LoadFailedException e = assertThrows(LoadFailedException.class, () -> Validator.validate(p.layout, quiet()));
        // column 17 = quote in the real statements table
        assertTrue(e.getMessage().contains("data/statements.csv:" + line + ":17: a fact's quote contains 'may'"), e.getMessage());
        assertTrue(e.getMessage().endsWith("1 problem"), e.getMessage());
    }

    @Test
    void theMonthMayIsNoHedge() {
        // The fixture already has the fact "on 4 May 2024" (statements.csv line 4) and validates.
        assertDoesNotThrow(() -> Validator.validate(project.layout, quiet()));
    }

    @Test
    void theSameQuoteAsAnAssessmentIsFine() {
        project.write("statements.csv", project.read("statements.csv")
                + UNLIKELY_FACT.replace(",fact,,,", ",assessment,,unlikely,") + "\n");
        assertDoesNotThrow(() -> Validator.validate(project.layout, quiet()));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
