package org.geokg.pages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A quote is marked on the article's own characters, even when it was typed with plain quotes and dashes. */
class QuoteInParagraphTest {
    @Test
    void findsAVerbatimSpan() {
        String p = "On March 12, Iran, China, and Russia launched joint naval drills.";
        assertArrayEquals(new int[] { 13, 36 }, QuoteInParagraph.find(p, "Iran, China, and Russia"));
        assertEquals("On March 12, <mark>Iran, China, and Russia</mark> launched joint naval drills.",
                QuoteInParagraph.marked(p, "Iran, China, and Russia"));
    }

    @Test
    void typographicQuotesDashesAndSpacesAreForgivenAsTheLoaderForgivesThem() {
        String p = "hostility to\u2014and from\u2014the United States.  Russia\u2019s   open embrace";
        assertEquals("to\u2014and from\u2014the", sub(p, "to-and from-the"));
        assertEquals("Russia\u2019s   open", sub(p, "Russia's open"));
    }

    @Test
    void aQuoteNotInTheParagraphIsNotMarkedAndTheTextIsEscaped() {
        assertNull(QuoteInParagraph.find("Some text.", "other words"));
        assertEquals("a &lt;b&gt; &amp; c", QuoteInParagraph.marked("a <b> & c", "missing"));
        assertEquals("<mark>&lt;b&gt;</mark> &amp; c", QuoteInParagraph.marked("<b> & c", "<b>"));
    }

    private static String sub(String p, String quote) {
        int[] s = QuoteInParagraph.find(p, quote);
        return p.substring(s[0], s[1]);
    }
}
