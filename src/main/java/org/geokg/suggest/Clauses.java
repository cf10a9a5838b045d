package org.geokg.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.geokg.suggest.EnglishNlp.Token;

/**
 * Splits a tokenized sentence into clauses: at semicolons, dashes and brackets, before a
 * subordinating conjunction ("if", "that", "whether", "although"), and at a comma followed by a
 * conjunction, a relative pronoun or a participle. Then gives each clause its modality: its own
 * cue, or the governing cue (fear, report, assessment) of an earlier clause of the sentence.
 */
final class Clauses {
    private Clauses() {}

    private static final Set<String> BREAKS = Set.of(";", ":", "\u2014", "(", ")");
    private static final Set<String> SUBORDINATORS = Set.of("if", "unless", "that", "whether", "although", "though",
            "because", "while", "whereas", "since", "as");
    private static final Set<String> AFTER_COMMA = Set.of("and", "but", "or", "which", "who", "thus", "while", "where",
            "when", "so", "yet");

    private static boolean hasVerb(List<Token> tokens, int from, int to) {
        for (int i = Math.max(from, 0); i <= to && i < tokens.size(); i++)
            if (tokens.get(i).pos().equals("VERB") || tokens.get(i).pos().equals("AUX")) return true;
        return false;
    }

    /** The last token before the next comma or break after {@code from}. */
    private static int nextBreak(List<Token> tokens, int from) {
        for (int i = from; i < tokens.size(); i++)
            if (tokens.get(i).text().equals(",") || BREAKS.contains(tokens.get(i).text())) return i - 1;
        return tokens.size() - 1;
    }

    static List<Clause> split(List<Token> tokens) {
        List<int[]> ranges = new ArrayList<>();
        Set<Integer> relative = new java.util.HashSet<>(); // clauses that are ", which ..." / ", who ..."
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            boolean breakBefore = false, breakHere = false;
            if (BREAKS.contains(t.text())) breakHere = true;
            else if (i > from && t.pos().equals("SCONJ") && SUBORDINATORS.contains(t.lower())) breakBefore = true;
            else if (t.text().equals(",") && i + 1 < tokens.size()) {
                Token next = tokens.get(i + 1);
                // ", and ..." joins two clauses only when both sides have a verb ("Iran, China, and Russia launched" is a list).
                if (next.pos().equals("CCONJ") && AFTER_COMMA.contains(next.lower()))
                    breakHere = hasVerb(tokens, from, i - 1) && hasVerb(tokens, i + 2, nextBreak(tokens, i + 2));
                else if (AFTER_COMMA.contains(next.lower()) || next.pos().equals("SCONJ")
                        || (next.pos().equals("VERB") && next.lower().endsWith("ing"))) breakHere = true;
            }
            if (breakBefore) { ranges.add(new int[] {from, i - 1}); from = i; }
            else if (breakHere) {
                if (i > from) ranges.add(new int[] {from, i - 1});
                from = i + 1;
                if (t.text().equals(",") && Set.of("which", "who").contains(tokens.get(i + 1).lower())) relative.add(ranges.size());
            }
        }
        if (from < tokens.size()) ranges.add(new int[] {from, tokens.size() - 1});

        List<Clause> out = new ArrayList<>();
        Modality.Suggestion governing = null;
        for (int ri = 0; ri < ranges.size(); ri++) {
            int[] r = ranges.get(ri);
            boolean nonRestrictive = relative.contains(ri);
            int a = r[0], b = r[1];
            while (b > a && tokens.get(b).pos().equals("PUNCT")) b--;
            while (a < b && tokens.get(a).pos().equals("PUNCT")) a++;
            if (a > b || tokens.get(a).pos().equals("PUNCT")) continue;
            Modality.Suggestion own = null;
            for (int i = a; i <= b; i++) {
                Modality.Suggestion s = Modality.cueAt(tokens, i);
                if (s == null) continue;
                // The first governing cue wins; a hypothetical cue only when nothing governs.
                if (own == null || (!own.governs() && s.governs())) own = s;
                if (own.governs()) break;
            }
            Modality.Suggestion m;
            if (governing != null && !nonRestrictive) m = governing;
            else m = own == null ? Modality.Suggestion.FACT : own;
            if (governing == null && own != null && own.governs()) governing = own;
            out.add(new Clause(tokens.get(a).start(), tokens.get(b).end(), m));
        }
        return out;
    }
}
