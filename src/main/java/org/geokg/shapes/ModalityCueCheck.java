package org.geokg.shapes;

import java.util.List;
import java.util.Set;
import java.util.function.ToLongBiFunction;
import java.util.regex.Pattern;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.geokg.ontology.Vocab;
import org.geokg.problem.Problems;

/**
 * A stated fact whose quote holds a cue of another modality ("fear", "if", "may", "likely",
 * "according to", ...) is reported at the CSV cell of its quote, unless its note names the cue in
 * quotation marks, which is how a curator says why the cue does not govern the fact ("'According
 * to': the fact is that the media reported on it"); the word used in passing ("'its' may be
 * Moscow's") explains nothing. "May" next to a number is the month, not the hedge.
 */
public final class ModalityCueCheck {
    private ModalityCueCheck() {}

    /** Each cue, and the stem a note must name to explain it away. */
    private record Cue(String stem, Pattern inQuote) {
        Cue(String stem, String regex) { this(stem, Pattern.compile("(?i)\\b" + regex)); }

        /** The note quotes the cue: 'if', "According to", 'concerned' (the stem opens the quoted word). */
        boolean namedIn(String note) {
            return Pattern.compile("(?i)['\u2018\"\u201C]" + Pattern.quote(stem)).matcher(note).find();
        }
    }

    static final List<Cue> CUES = List.of(
            new Cue("fear", "fear"), new Cue("concern", "concern"), new Cue("if", "if\\b"),
            new Cue("may", "may\\b(?!\\s+\\d)(?<!\\d\\s{1,3}may)"), new Cue("might", "might\\b"), new Cue("would", "would\\b"),
            new Cue("likely", "likely\\b"), new Cue("unlikely", "unlikely\\b"), new Cue("seem", "seem"),
            new Cue("according to", "according\\s+to\\b"));

    /** Any of the cues: most facts' quotes hold none, and one search tells so, not one per cue. */
    private static final Pattern ANY_CUE = Pattern.compile(String.join("|",
            CUES.stream().map(c -> "(?:" + c.inQuote().pattern() + ")").toList()));

    private static final Node MODALITY = Vocab.iri(Vocab.KG + "modality"), STATED_FACT = Vocab.iri(Vocab.KG + "StatedFact"),
            QUOTE = Vocab.iri(Vocab.KG + "quote"), CURATOR_NOTE = Vocab.iri(Vocab.KG + "curatorNote");

    /** The predicates this check reads on a claim, beside its {@code kg:definedAt}. */
    static final Set<Node> READS = Set.of(MODALITY, QUOTE, CURATOR_NOTE);

    /**
     * Checks one node, given a graph with its {@link #READS} and {@code kg:definedAt} triples: when
     * it is a stated fact, each of its quotes.
     * @param quoteColumn the 1-based position of a column in a table file's header ("data/x.csv", "quote"),
     *                    as the loader read it; 0 when unknown. The file is not read again for it.
     */
    static void checkClaim(Graph around, Node claim, ToLongBiFunction<String, String> quoteColumn, Problems problems) {
        if (!around.contains(claim, MODALITY, STATED_FACT)) return;
        String at = first(around, claim, Vocab.DEFINED_AT);
        if (at == null) return;
        String note = first(around, claim, CURATOR_NOTE);
        around.find(claim, QUOTE, Node.ANY).forEachRemaining(t -> {
            if (!t.getObject().isLiteral()) return;
            String quote = t.getObject().getLiteralLexicalForm();
            if (!ANY_CUE.matcher(quote).find()) return;
            for (Cue cue : CUES) {
                if (!cue.inQuote().matcher(quote).find() || (note != null && cue.namedIn(note))) continue;
                int colon = at.lastIndexOf(':');
                String file = at.substring(0, colon);
                problems.add(file, Long.parseLong(at.substring(colon + 1)), quoteColumn.applyAsLong(file, "quote"),
                        "a fact's quote contains '" + cue.stem() + "', a cue of another modality; expected the "
                                + "modality it cues (fear, hypothetical, assessment, report), or a note quoting '"
                                + cue.stem() + "' and saying why it does not govern the fact");
            }
        });
    }

    /** The lexical form of one literal value of {@code p} on {@code node}, or null. */
    private static String first(Graph g, Node node, Node p) {
        var it = g.find(node, p, Node.ANY);
        try {
            while (it.hasNext()) {
                Node o = it.next().getObject();
                if (o.isLiteral()) return o.getLiteralLexicalForm();
            }
            return null;
        } finally {
            it.close();
        }
    }
}
