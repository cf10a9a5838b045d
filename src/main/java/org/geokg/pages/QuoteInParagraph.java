package org.geokg.pages;

/**
 * Finds an evidence quote inside its paragraph and marks it. The loader accepts a quote when it is a
 * span of the paragraph after normalisation (typographic quotes and dashes made plain, runs of white
 * space made one: {@link org.geokg.mapping.Articles#normalize}); the same normalisation is applied here,
 * keeping for every normalised character the position it came from, so the mark covers the article's
 * own characters.
 */
final class QuoteInParagraph {
    private QuoteInParagraph() {}

    /** The [start, end) of the quote in {@code paragraph}, or null when it is not there. */
    static int[] find(String paragraph, String quote) {
        if (paragraph == null || quote == null) return null;
        StringBuilder norm = new StringBuilder(paragraph.length());
        int[] from = new int[paragraph.length()];
        for (int i = 0; i < paragraph.length(); i++) {
            char c = plain(paragraph.charAt(i));
            if (isSpace(c)) {
                if (norm.length() == 0 || norm.charAt(norm.length() - 1) == ' ') continue;
                c = ' ';
            }
            from[norm.length()] = i;
            norm.append(c);
        }
        String q = org.geokg.mapping.Articles.normalize(quote);
        if (q.isEmpty()) return null;
        int at = norm.indexOf(q);
        if (at < 0) return null;
        return new int[] { from[at], from[at + q.length() - 1] + 1 };
    }

    /** The paragraph as HTML with the quote in {@code <mark>}; the plain paragraph when it is not found. */
    static String marked(String paragraph, String quote) {
        int[] span = find(paragraph, quote);
        if (span == null) return Html.esc(paragraph);
        return Html.esc(paragraph.substring(0, span[0])) + "<mark>" + Html.esc(paragraph.substring(span[0], span[1]))
                + "</mark>" + Html.esc(paragraph.substring(span[1]));
    }

    private static char plain(char c) {
        return switch (c) {
            case '\u2018', '\u2019' -> '\'';
            case '\u201C', '\u201D' -> '"';
            case '\u2013', '\u2014' -> '-';
            case '\u00A0' -> ' ';
            default -> c;
        };
    }

    /** What {@code \s} matches in {@link org.geokg.mapping.Articles#normalize}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
