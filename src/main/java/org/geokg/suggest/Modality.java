package org.geokg.suggest;

import java.util.List;
import java.util.Map;

import org.geokg.suggest.EnglishNlp.Token;

/**
 * The modality a clause's words suggest, from general English cues:
 * <ul>
 * <li>"according to", "reportedly", "X said" → report (who said it: the attribution);</li>
 * <li>"likely", "unlikely", "seems", "undoubtedly", "probably" … → the author's assessment, with its likelihood;</li>
 * <li>"fear", "concern", "worried" … → a fear (who fears it: the attribution);</li>
 * <li>"if", "might", "may", "would", "whether" … → a hypothetical;</li>
 * <li>otherwise a stated fact.</li>
 * </ul>
 * A fear, a report or an assessment governs the rest of its sentence ("X fear that if A, B might
 * C": all of it is the fear), and so does a condition ("if A, B": neither A nor B is asserted);
 * a modal verb ("might", "would") counts only in its own clause. A non-restrictive relative
 * clause (", which ...") is asserted on its own, outside any of these.
 */
final class Modality {
    private Modality() {}

    /** A suggestion: modality (the statements table's word), the cue, the likelihood, and where the speaker is. */
    record Suggestion(String modality, String cue, String likelihood, int attributionToken, boolean speakerAfter, boolean governs) {
        static final Suggestion FACT = new Suggestion("fact", "", "", -1, false, false);
    }

    private static final Map<String, String> ASSESSMENT = Map.ofEntries(Map.entry("likely", "likely"),
            Map.entry("unlikely", "unlikely"), Map.entry("probably", "likely"), Map.entry("presumably", "likely"),
            Map.entry("seems", "apparent"), Map.entry("seem", "apparent"), Map.entry("seemed", "apparent"),
            Map.entry("appears", "apparent"), Map.entry("apparently", "apparent"), Map.entry("hinted", "apparent"),
            Map.entry("suggests", "apparent"), Map.entry("undoubtedly", "certain"), Map.entry("certainly", "certain"),
            Map.entry("clearly", "certain"), Map.entry("surely", "certain"), Map.entry("possibly", "possible"),
            Map.entry("perhaps", "possible"), Map.entry("arguably", "possible"));
    private static final List<String> FEAR = List.of("fear", "fears", "feared", "fearing", "afraid", "concern", "concerns",
            "concerned", "worry", "worries", "worried", "anxious", "alarmed", "dread");
    private static final List<String> REPORT_VERBS = List.of("said", "says", "told", "stated", "claimed", "claims",
            "reported", "reports", "alleged");
    private static final List<String> HYPOTHETICAL = List.of("if", "unless", "might", "may", "would", "could", "whether",
            "should");

    /** The cue at token {@code i}, or null. */
    static Suggestion cueAt(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        String w = t.lower();
        if (w.equals("according") && i + 1 < tokens.size() && tokens.get(i + 1).lower().equals("to"))
            return new Suggestion("report", "according to", "", i + 1, true, true);
        if (w.equals("reportedly")) return new Suggestion("report", "reportedly", "", -1, false, true);
        if (REPORT_VERBS.contains(w) && t.pos().startsWith("VERB"))
            return new Suggestion("report", t.text(), "", i, false, true);
        if (FEAR.contains(w)) {
            // "X fear(s) that ...", "X is concerned": the holder comes first; "concerns in X": after.
            boolean noun = t.pos().equals("NOUN");
            return new Suggestion("fear", t.text(), "", i, noun, true);
        }
        if (ASSESSMENT.containsKey(w)) return new Suggestion("assessment", t.text(), ASSESSMENT.get(w), -1, false, true);
        if ((w.equals("if") || w.equals("unless")) && t.pos().equals("SCONJ"))
            return new Suggestion("hypothetical", t.text(), "", -1, false, true);
        if (HYPOTHETICAL.contains(w) && !(w.equals("may") && t.capitalized() && i > 0))
            return new Suggestion("hypothetical", t.text(), "", -1, false, false);
        return null;
    }
}
