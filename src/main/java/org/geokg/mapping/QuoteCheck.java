package org.geokg.mapping;

/**
 * Checks evidence quotes: short (a clause, not prose), and a verbatim span of the paragraph given,
 * when the article's text is at hand. Without the text only the length is checked; the loader
 * says so once per source (see {@link SourceTexts}).
 */
final class QuoteCheck {
    private QuoteCheck() {}

    static void check(CellReader r, ColumnMapping quoteColumn, String quote, String sourceId,
                      SourceTexts.Source source, ColumnMapping paragraphColumn, int paragraph) {
        if (quote.isEmpty()) return;
        int max = quoteColumn.maxWords();
        if (max > 0) {
            int words = quote.split("\\s+").length;
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
