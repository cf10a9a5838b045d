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
 *
 * <p>An article is read once and asked about many quotes (every row citing it), so what each
 * question needs of a paragraph, its normalised text, is worked out once per paragraph, when
 * first asked, and kept; and where each paragraph starts in the file is counted once.
 */
public final class Articles {
    private final List<String> paragraphs;
    private final String sha256;
    /** Where each paragraph starts in the file, in Unicode code points. */
    private final int[] codePointStart;
    /** Per paragraph, once asked: {@link #normalize}d, and normalised as {@link #locate} reads it. */
    private final String[] normalized;
    private final Normalized[] located;

    public Articles(List<String> paragraphs, String sha256) {
        this.paragraphs = List.copyOf(paragraphs);
        this.sha256 = sha256;
        int n = this.paragraphs.size();
        codePointStart = new int[n];
        for (int i = 1; i < n; i++) {
            String previous = this.paragraphs.get(i - 1);
            codePointStart[i] = codePointStart[i - 1] + previous.codePointCount(0, previous.length()) + 1;   // and its "\n"
        }
        normalized = new String[n];
        located = new Normalized[n];
    }

    /** The paragraphs, one a line of the file. */
    public List<String> paragraphs() { return paragraphs; }

    /** The SHA-256 of the file's bytes, as lowercase hexadecimal. */
    public String sha256() { return sha256; }

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
        // One pass, char by char (plain): what the regular expression \s+ matches, and a no-break
        // space, become one space; then strip(), which also takes other Unicode spaces at the ends.
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = plain(s.charAt(i));
            if (c == ' ' && sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') continue;
            sb.append(c);
        }
        return sb.toString().strip();
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
        int[] at = located(n).find(quote);
        if (at == null) return null;
        int start = at[0], end = at[1];
        // Code points from the start of the file: those of the paragraphs (and line breaks) before,
        // then those of this paragraph before the quote; a line break never splits a surrogate pair.
        int cpStart = codePointStart[n - 1] + p.codePointCount(0, start);
        int cpEnd = cpStart + p.codePointCount(start, end);
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
        return Normalized.of(paragraph).find(quote);
    }

    /** Paragraph {@code n} as {@link #locate} reads it, worked out when first asked. */
    private Normalized located(int n) {
        Normalized l = located[n - 1];
        if (l == null) located[n - 1] = l = Normalized.of(paragraphs.get(n - 1));
        return l;
    }

    /**
     * A paragraph normalised char by char as {@link #normalize} reads it (runs of white space one
     * space, typographic quotes and dashes plain), remembering where each kept char came from.
     */
    private record Normalized(String paragraph, String text, int[] from) {
        static Normalized of(String paragraph) {
            StringBuilder norm = new StringBuilder(paragraph.length());
            int[] from = new int[paragraph.length()];
            for (int i = 0; i < paragraph.length(); i++) {
                char c = plain(paragraph.charAt(i));
                if (c == ' ' && (norm.length() == 0 || norm.charAt(norm.length() - 1) == ' ')) continue;
                from[norm.length()] = i;
                norm.append(c);
            }
            return new Normalized(paragraph, norm.toString(), from);
        }

        /** The [start, end) of the paragraph's own characters where {@code quote} is, or null. */
        int[] find(String quote) {
            String q = normalize(quote);
            int k = q.isEmpty() ? -1 : text.indexOf(q);
            if (k < 0) return null;
            int start = from[k], end = from[k + q.length() - 1] + 1;
            if (Character.isHighSurrogate(paragraph.charAt(end - 1)) && end < paragraph.length()) end++;
            return new int[] { start, end };
        }
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
        if (paragraph(n) == null) return false;
        String p = normalized[n - 1];
        if (p == null) normalized[n - 1] = p = normalize(paragraphs.get(n - 1));
        return p.contains(normalize(quote));
    }
}
