package org.geokg.mapping;

/**
 * Checks evidence quotes: short (a clause, not prose), and a verbatim span of the paragraph given,
 * when the article's text is at hand. Without the text only the length is checked; the loader
 * says so once per source (see {@link SourceTexts}).
 */
final class QuoteCheck {
    private QuoteCheck() {}

    /**
     * How many words {@code s} has: what {@code s.split("\\s+").length} says (a leading space
     * counts an empty first word, trailing ones none), counted without making the array.
     */
    static int words(String s) {
        int runs = 0;
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            boolean space = isRegexSpace(s.charAt(i));
            if (!space && !inWord) runs++;
            inWord = !space;
        }
        if (runs == 0) return s.isEmpty() ? 1 : 0;
        return runs + (isRegexSpace(s.charAt(0)) ? 1 : 0);
    }

    /** What the regular expression {@code \s} matches: space, tab, line feed, vertical tab, form feed, return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static void check(CellReader r, ColumnMapping quoteColumn, String quote, String sourceId,
                      SourceTexts.Source source, ColumnMapping paragraphColumn, int paragraph) {
        if (quote.isEmpty()) return;
        int max = quoteColumn.maxWords();
        if (max > 0) {
            int words = words(quote);
            if (words > max)
                r.problem(quoteColumn.name(), "quote has " + words + " words; expected a short verbatim clause of at most "
                        + max + " words");
        }
        if (source == null || source.article() == null || paragraph <= 0) return;
        Articles article = source.article();
        if (article.paragraph(paragraph) == null)
            r.problem(paragraphColumn.name(), "paragraph " + paragraph + " does not exist; expected 1 to "
                    + article.paragraphs().size() + " (line numbers of the article)");
        else if (!article.quotes(paragraph, quote))
            r.problem(quoteColumn.name(), "quote is not a verbatim span of paragraph " + paragraph + " of source '"
                    + sourceId + "'; expected the article's exact words");
    }
}
