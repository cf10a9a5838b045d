package org.geokg.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The text of a source article, one paragraph a line, used to check evidence quotes. Articles are
 * not part of the project (only short quotes are); when one is absent the check is skipped and
 * said so, never failed.
 */
public record Articles(List<String> paragraphs, String sha256) {

    public static Articles read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return new Articles(List.of(text.split("\n", -1)), sha256(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paragraph with this number (the line number in the file), or null. */
    public String paragraph(int n) {
        return n >= 1 && n <= paragraphs.size() ? paragraphs.get(n - 1) : null;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Text as compared for quotes: typographic quotes and apostrophes made plain, dashes made
     * hyphens, runs of white space made one space. Nothing else is forgiven.
     */
    public static String normalize(String s) {
        return s.replace('\u2018', '\'').replace('\u2019', '\'')
                .replace('\u201C', '"').replace('\u201D', '"')
                .replace('\u2013', '-').replace('\u2014', '-')
                .replace('\u00A0', ' ')
                .replaceAll("\\s+", " ")
                .strip();
    }

    /** Whether {@code quote} is a verbatim span of paragraph {@code n} (after {@link #normalize}). */
    public boolean quotes(int n, String quote) {
        String p = paragraph(n);
        return p != null && normalize(p).contains(normalize(quote));
    }
}
