package org.geokg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.geokg.TestProject;
import org.geokg.store.Layout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Article texts can live anywhere: the sources folder is {@code --sources DIR}, else
 * {@code $KG_SOURCES}, else the {@code sources} key of the project's {@code kg.properties}, else
 * {@code ../shared/sources}; the sources table's file column is a path relative to it, sub-folders
 * allowed. A source whose article is absent has its unchecked quotes counted, and
 * {@code --strict} makes that an error. Run as a user runs kg: a separate JVM.
 */
class SourcesFolderTest {
    @TempDir Path tmp;
    TestProject project;
    Path articles;

    record Run(int exit, String out, String err) {}

    @BeforeEach
    void aProjectWhoseArticleIsInASubFolderElsewhere() throws IOException {
        project = TestProject.fixture(tmp.resolve("p"));
        articles = tmp.resolve("elsewhere/articles");
        Files.createDirectories(articles.resolve("2024"));
        Files.move(project.layout.sources().resolve("article.txt"), articles.resolve("2024/article.txt"));
        project.write("sources.csv", project.read("sources.csv").replace(",article.txt", ",2024/article.txt"));
    }

    /** kg in this JVM (quick), with kg.home and kg.state set as the launcher sets them. */
    private Run kg(String... args) {
        String home = System.getProperty("kg.home"), state = System.getProperty("kg.state");
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setProperty("kg.home", project.layout.home().toString());
            System.setProperty("kg.state", project.layout.state().toString());
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int exit = Main.commandLine(new PrintWriter(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true)).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(stdout);
            restore("kg.home", home);
            restore("kg.state", state);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    /** kg as a separate JVM, to give it an environment of its own. */
    private Run kgProcess(Map<String, String> env, String... args) throws IOException, InterruptedException {
        KgProcess.Run r = KgProcess.run(project, tmp, env, args);
        return new Run(r.exit(), r.out(), r.err());
    }

    /** The quotes of the fixture's source, counted from its tables: the ones left unchecked without the article. */
    private long fixtureQuotes() throws IOException {
        long n = 0;
        for (String table : List.of("entities.csv", "statements.csv"))
            try (Reader r = Files.newBufferedReader(project.data(table), StandardCharsets.UTF_8)) {
                for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r))
                    if (rec.get("source").equals("fixture") && !rec.get("quote").isBlank()) n++;
            }
        return n;
    }

    @Test
    void withTheDefaultFolderTheQuotesGoUncheckedAndValidateSaysHowManyAndForWhichSource() throws Exception {
        Run r = kg("validate");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("warning: data/sources.csv:2: " + fixtureQuotes() + " quotes of source 'fixture' not checked: article text "
                + project.layout.sources().resolve("2024/article.txt") + " not found"), r.out());
    }

    @Test
    void strictMakesAnUncheckedQuoteAnErrorAtTheSourcesRow() throws Exception {
        Run r = kg("validate", "--strict");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().contains("data/sources.csv:2:6: " + fixtureQuotes() + " quotes of source 'fixture' not checked"), r.err());
        assertEquals(1, kg("load", "--strict").exit());
        assertFalse(Files.exists(project.layout.defaultDb()), "a strict load that fails publishes no database");
    }

    @Test
    void theSourcesOptionFindsTheArticleInItsSubFolderAndStrictPasses() throws Exception {
        Run r = kg("validate", "--strict", "--sources", articles.toString());
        assertEquals(0, r.exit(), r.err());
        // No quote goes unchecked. (The copy has no GDELT sample beside it, which is a warning of its own.)
        assertFalse(r.out().contains("not checked"), r.out());
        // A wrong quote is now caught: it is checked against the article found there.
        project.write("statements.csv", project.read("statements.csv").replace("Atlantis and Lemuria signed a treaty,",
                "Atlantis and Lemuria signed a pact,"));
        Run bad = kg("validate", "--sources", articles.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("quote is not a verbatim span of paragraph 1 of source 'fixture'"), bad.err());
    }

    @Test
    void theEnvironmentVariableAndTheProjectFileSetTheFolderTooAndTheOptionWins() throws Exception {
        Run env = kgProcess(Map.of(Layout.SOURCES_ENV, articles.toString()), "validate", "--strict");
        assertEquals(0, env.exit(), env.err());
        // kg.properties: a path relative to the project home
        Files.writeString(project.layout.home().resolve(Layout.CONFIG_FILE), "# where the article texts are\nsources = ../../elsewhere/articles\n");
        assertEquals(0, kg("validate", "--strict").exit());
        // the environment beats the file, and the option beats both
        Path nowhere = tmp.resolve("nowhere");
        Layout l = Layout.fromEnvironment(k -> k.equals("kg.home") ? project.layout.home().toString() : null,
                k -> k.equals(Layout.SOURCES_ENV) ? nowhere.toString() : null);
        assertEquals(nowhere, l.sources());
        assertEquals(articles, Layout.fromEnvironment( // kg.properties, relative to the home
                k -> k.equals("kg.home") ? project.layout.home().toString() : null, k -> null).sources());
        Run option = kgProcess(Map.of(Layout.SOURCES_ENV, nowhere.toString()), "validate", "--strict", "--sources", articles.toString());
        assertEquals(0, option.exit(), option.err());
    }

    @Test
    void aFileOutsideTheSourcesFolderIsRefused() throws Exception {
        for (String file : List.of("../article.txt", articles.resolve("2024/article.txt").toString(), "2024\\article.txt")) {
            project.write("sources.csv", "id,title,published,language,sha256,file\n"
                    + "fixture,Test fixture article,2024-06,en,fcbec74334cee126c51f5ddf1d40212b83f7361516f177ab5ed38e0977d07984,\"" + file + "\"\n");
            Run r = kg("validate", "--sources", articles.toString());
            assertEquals(1, r.exit(), file);
            assertTrue(r.err().contains("data/sources.csv:2:6: '" + file + "' is not a path inside the sources folder"), r.err());
        }
    }
}
