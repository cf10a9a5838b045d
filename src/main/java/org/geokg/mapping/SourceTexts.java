package org.geokg.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;

/**
 * The sources read so far: each one's language and, when its text file is at hand, the article.
 * Held in memory: there is one per article, not per statement. Article texts live outside the
 * project (by default ../shared/sources/); an absent one is a warning, never a failure.
 */
final class SourceTexts {
    record Source(String language, Articles article) {}

    private final Path articlesDir;
    private final List<String> warnings;
    private final Map<Node, Source> sources = new HashMap<>();

    SourceTexts(Path articlesDir, List<String> warnings) {
        this.articlesDir = articlesDir;
        this.warnings = warnings;
    }

    Source get(Node source) { return source == null ? null : sources.get(source); }

    void put(Node source, String language, Articles article) { sources.put(source, new Source(language, article)); }

    /**
     * The article a file cell names, checked against the SHA-256 given; null (with a problem or a
     * warning) when it is not there.
     */
    Articles read(CellReader r, ColumnMapping c, String file, String sha, String id) {
        if (file.isEmpty()) return null;
        Path p = articlesDir.resolve(file).normalize();
        if (!p.startsWith(articlesDir.normalize()) || file.contains("/") || file.contains("\\")) {
            r.problem(c.name(), "'" + file + "' is not a plain file name; expected the name of a file in " + articlesDir);
            return null;
        }
        if (!Files.isRegularFile(p)) {
            warnings.add(r.row.origin() + ": article text " + p + " not found: quotes of source '" + id
                    + "' were not checked against it");
            return null;
        }
        Articles article = Articles.read(p);
        if (sha != null && !article.sha256().equals(sha))
            r.problem(c.hashColumn(), "the article " + p + " has SHA-256 " + article.sha256()
                    + ", not the one given; expected the hash of the text the quotes were taken from");
        return article;
    }
}
