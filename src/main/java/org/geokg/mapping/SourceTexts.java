package org.geokg.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.geokg.problem.Problems;

/**
 * The sources read so far: each one's language and, when its text file is at hand, the article.
 * Held in memory: there is one per article, not per statement. Article texts live in the sources
 * folder, outside the project (by default ../shared/sources/; the file column is a path relative
 * to it). An absent one leaves that source's quotes unchecked: counted, and reported at the end
 * as a warning, or, in strict mode, as a problem at the source's row.
 */
final class SourceTexts {
    record Source(String language, Articles article) {}

    private final Path articlesDir;
    private final List<String> warnings;
    private final Map<Node, Source> sources = new HashMap<>();
    /** Sources whose article is absent, by id, with where their row is and how many quotes went unchecked. */
    private final Map<String, Missing> missing = new LinkedHashMap<>();

    private static final class Missing {
        final String file;
        final long line, col;
        final Path path;
        int quotes;

        Missing(String file, long line, long col, Path path) {
            this.file = file; this.line = line; this.col = col; this.path = path;
        }
    }

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
        Path dir = articlesDir.toAbsolutePath().normalize();
        Path p = file.contains("\\") || Path.of(file).isAbsolute() ? null : dir.resolve(file).normalize();
        if (p == null || !p.startsWith(dir) || p.equals(dir)) {
            r.problem(c.name(), "'" + file + "' is not a path inside the sources folder; expected a path relative to "
                    + dir + " (sub-folders with /, no absolute path, no ..)");
            return null;
        }
        if (!Files.isRegularFile(p)) {
            if (id != null && !id.isEmpty()) missing.put(id, new Missing(r.row.file(), r.row.line(), r.row.col(c.name()), p));
            return null;
        }
        Articles article = Articles.read(p);
        if (sha != null && !article.sha256().equals(sha))
            r.problem(c.hashColumn(), "the article " + p + " has SHA-256 " + article.sha256()
                    + ", not the one given; expected the hash of the text the quotes were taken from");
        return article;
    }

    /** A quote of source {@code id} that could not be checked, its article being absent. */
    void unchecked(String id) {
        Missing m = missing.get(id);
        if (m != null) m.quotes++;
    }

    /**
     * Says, for each source whose article is absent, how many quotes went unchecked: a warning, or
     * with {@code strict} a problem at the source's {@code file} cell.
     */
    void reportUnchecked(Problems problems, boolean strict) {
        missing.forEach((id, m) -> {
            String what = m.quotes + " quote" + (m.quotes == 1 ? "" : "s") + " of source '" + id
                    + "' not checked: article text " + m.path + " not found";
            if (strict)
                problems.add(m.file, m.line, m.col, what + "; expected the article in the sources folder "
                        + "(--sources DIR, $KG_SOURCES or kg.properties), since --strict allows no unchecked quote");
            else
                warnings.add(m.file + ":" + m.line + ": " + what + " (set the sources folder with --sources DIR, "
                        + "$KG_SOURCES or kg.properties; --strict makes this an error)");
        });
    }
}
