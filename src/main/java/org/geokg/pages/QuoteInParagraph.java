package org.geokg.pages;

/**
 * Finds an evidence quote inside its paragraph and marks it. The loader accepts a quote when it is a
 * span of the paragraph after normalisation (typographic quotes and dashes made plain, runs of white
 * space made one: {@link org.geokg.mapping.Articles#normalize}); the loader's own
 * {@link org.geokg.mapping.Articles#locate} finds it here, so the mark covers the article's own
 * characters and the page marks exactly what the loader accepted.
 */
final class QuoteInParagraph {
    private QuoteInParagraph() {}

    /** The [start, end) of the quote in {@code paragraph}, or null when it is not there. */
    static int[] find(String paragraph, String quote) {
        return org.geokg.mapping.Articles.locate(paragraph, quote);
    }

    /** The paragraph as HTML with the quote in {@code <mark>}; the plain paragraph when it is not found. */
    static String marked(String paragraph, String quote) {
        int[] span = find(paragraph, quote);
        if (span == null) return Html.esc(paragraph);
        return Html.esc(paragraph.substring(0, span[0])) + "<mark>" + Html.esc(paragraph.substring(span[0], span[1]))
                + "</mark>" + Html.esc(paragraph.substring(span[1]));
    }
}
