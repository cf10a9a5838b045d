package org.geokg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A second, complete source for tests: an invented article (src/test/resources/second-source/
 * article.txt) with its rows and the one new kind of fact it needs, added to a project copy the way
 * an analyst adds an article: new files only.
 */
public final class SecondSource {
    private SecondSource() {}

    public static final String ID = "grain-2026-fixture";
    public static final String GRAPH = "https://w3id.org/geokg/graph/" + ID;
    static final Path FIXTURE = TestProject.realHome().resolve("src/test/resources/second-source");

    /** Adds the rows under data/grain-2026/, the ontology terms, and the article to the sources folder. */
    public static void addTo(TestProject project) {
        try {
            for (String csv : new String[] {"sources.csv", "entities.csv", "statements.csv"})
                project.write("grain-2026/" + csv, Files.readString(FIXTURE.resolve(csv), StandardCharsets.UTF_8));
            Files.copy(FIXTURE.resolve("ontology-extra.ttl"), project.layout.ontologyDir().resolve("grain.ttl"));
            Path article = project.layout.sources().resolve(articleFile());
            Files.createDirectories(article.getParent());
            Files.copy(FIXTURE.resolve("article.txt"), article);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sources table's file column: a path relative to the sources folder. */
    static String articleFile() {
        try {
            String row = Files.readAllLines(FIXTURE.resolve("sources.csv"), StandardCharsets.UTF_8).get(1);
            // the sixth column, after the quoted title and four plain cells
            String afterTitle = row.substring(row.indexOf("\",") + 2);
            return afterTitle.split(",")[4];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
