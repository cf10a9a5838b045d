package org.geokg.suggest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.geokg.store.Layout;

/**
 * {@code kg suggest}: drafts the rows of a new article into data/drafts/ID/ and nowhere else. It
 * reads the ontology and the known entities of the project, never the network.
 */
public final class Suggester {
    private Suggester() {}

    public static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** The article's paragraphs: line n is paragraph n (the convention of the sources folder). */
    public static List<String> paragraphs(byte[] text) {
        String s = new String(text, StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) s = s.substring(1);
        List<String> out = new ArrayList<>();
        for (String line : s.split("\n", -1)) out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sources row of an article: its hash, and its path relative to the sources folder when it lies in it. */
    static Draft.SourceRow sourceRow(Layout layout, Path article, byte[] bytes, String id, String published, String language) {
        Path abs = article.toAbsolutePath().normalize();
        String file, note;
        if (abs.startsWith(layout.sources())) {
            file = layout.sources().relativize(abs).toString().replace('\\', '/');
            note = "DRAFT: check the title and the published date.";
        } else {
            file = abs.getFileName().toString();
            note = "DRAFT: copy the article to " + layout.sources().resolve(file) + " (the file column is relative to the sources folder). "
                    + "Check the title and the published date.";
        }
        String stem = abs.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new Draft.SourceRow(id, "DRAFT: " + stem, published == null ? "" : published, language, sha256(bytes), file, note);
    }

    /** Drafts {@code article} as source {@code id} with everything the project knows, and writes it. */
    public static Result suggest(Layout layout, Path article, String id, String published, String language) {
        if (!ID.matcher(id).matches())
            throw new IllegalArgumentException("--source: '" + id + "' is not an id; expected letters, digits, - and _, starting with a letter");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(article);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the article " + article, e);
        }
        OntologyView ontology = OntologyView.read(layout.ontologyDir());
        KnownEntities known = KnownEntities.read(layout.dataDir(), e -> true);
        Drafter drafter = new Drafter(new EnglishNlp(), ontology, known);
        Draft draft = drafter.draft(sourceRow(layout, article, bytes, id, published, language), paragraphs(bytes), published);
        Path dir = layout.draftsDir().resolve(id);
        DraftWriter.write(draft, dir);
        return new Result(draft, dir);
    }

    public record Result(Draft draft, Path dir) {}
}
