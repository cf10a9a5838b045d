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

    /**
     * Where {@code quote} stands in the article file, as W3C Web Annotation selectors count: start and
     * end offsets in Unicode code points from the start of the file (end exclusive), the article's own
     * characters there ({@code exact}), and up to {@code context} code points of the paragraph before
     * and after. Found as {@link #quotes} finds it (after {@link #normalize}); null when it is not.
     */
    public Span span(int n, String quote, int context) {
        String p = paragraph(n);
        if (p == null) return null;
        int[] at = locate(p, quote);
        if (at == null) return null;
        int start = at[0], end = at[1];
        int lineStart = 0;
        for (int i = 0; i < n - 1; i++) lineStart += paragraphs.get(i).length() + 1;
        String text = String.join("\n", paragraphs);
        int cpStart = text.codePointCount(0, lineStart + start), cpEnd = text.codePointCount(0, lineStart + end);
        int prefixFrom = p.offsetByCodePoints(start, -Math.min(context, p.codePointCount(0, start)));
        int suffixTo = p.offsetByCodePoints(end, Math.min(context, p.codePointCount(end, p.length())));
        return new Span(cpStart, cpEnd, p.substring(start, end), p.substring(prefixFrom, start), p.substring(end, suffixTo));
    }

    /**
     * Where {@code quote} stands in {@code paragraph}, found as {@link #quotes} finds it (after
     * {@link #normalize}): the [start, end) of the paragraph's own characters, or null when it is not
     * there. The paragraph is normalised char by char, remembering where each kept char came from.
     */
    public static int[] locate(String paragraph, String quote) {
        if (paragraph == null || quote == null) return null;
        StringBuilder norm = new StringBuilder(paragraph.length());
        int[] from = new int[paragraph.length()];
        for (int i = 0; i < paragraph.length(); i++) {
            char c = plain(paragraph.charAt(i));
            if (c == ' ' && (norm.length() == 0 || norm.charAt(norm.length() - 1) == ' ')) continue;
            from[norm.length()] = i;
            norm.append(c);
        }
        String q = normalize(quote);
        int k = q.isEmpty() ? -1 : norm.indexOf(q);
        if (k < 0) return null;
        int start = from[k], end = from[k + q.length() - 1] + 1;
        if (Character.isHighSurrogate(paragraph.charAt(end - 1)) && end < paragraph.length()) end++;
        return new int[] { start, end };
    }

    /** One character as {@link #normalize} reads it: what its {@code \s} matches is a space. */
    private static char plain(char c) {
        return switch (c) {
            case '\u2018', '\u2019' -> '\'';
            case '\u201C', '\u201D' -> '"';
            case '\u2013', '\u2014' -> '-';
            case '\u00A0', ' ', '\t', '\n', '\u000B', '\f', '\r' -> ' ';
            default -> c;
        };
    }

    /** A quote's place in the article file (code points, end exclusive) and its text selectors. */
    public record Span(int start, int end, String exact, String prefix, String suffix) {}

    /** Whether {@code quote} is a verbatim span of paragraph {@code n} (after {@link #normalize}). */
    public boolean quotes(int n, String quote) {
        String p = paragraph(n);
        return p != null && normalize(p).contains(normalize(quote));
    }
}
