package org.geokg.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.geokg.load.Vocab;

/**
 * A statement node as the loader writes it (README, "The model"): the triple it carries, its
 * modality and qualifiers, and its reference (source, paragraph, verbatim quote).
 */
record Claim(Node iri, Node subject, Node property, Node object, Node modality, Node likelihood,
             Node attributedTo, Node scenario, Integer step, Map<Node, Node> times, Node precision,
             Node source, Integer paragraph, String quote, String note) {

    static final Node STATED_FACT = Vocab.kg("StatedFact");
    static final Node ATTRIBUTED_REPORT = Vocab.kg("AttributedReport");
    static final Node AUTHOR_ASSESSMENT = Vocab.kg("AuthorAssessment");
    static final Node FEAR = Vocab.kg("Fear");
    static final Node HYPOTHETICAL = Vocab.kg("Hypothetical");

    /** The modalities in the order the pages group claims, with a heading for each group. */
    static final Map<Node, String> MODALITY_HEADINGS = new LinkedHashMap<>();
    static {
        MODALITY_HEADINGS.put(STATED_FACT, "Stated facts");
        MODALITY_HEADINGS.put(ATTRIBUTED_REPORT, "Reports attributed to someone");
        MODALITY_HEADINGS.put(AUTHOR_ASSESSMENT, "The author's assessments");
        MODALITY_HEADINGS.put(FEAR, "Fears");
        MODALITY_HEADINGS.put(HYPOTHETICAL, "Hypothetical scenarios");
    }

    /** Time qualifiers, in the order the loader writes them. */
    static final List<Node> TIME_PROPERTIES = List.of(Vocab.POINT_IN_TIME, Vocab.START_TIME, Vocab.END_TIME,
            Vocab.EARLIEST_TIME, Vocab.LATEST_TIME);

    static Claim read(GraphView g, Node c) {
        Map<Node, Node> times = new LinkedHashMap<>();
        for (Node p : TIME_PROPERTIES) {
            Node t = g.one(c, p);
            if (t != null) times.put(p, t);
        }
        Node step = g.one(c, Vocab.STEP);
        Node paragraph = g.one(c, Vocab.PARAGRAPH);
        return new Claim(c, g.one(c, RDF.subject.asNode()), g.one(c, RDF.predicate.asNode()), g.one(c, RDF.object.asNode()),
                g.one(c, Vocab.MODALITY), g.one(c, Vocab.LIKELIHOOD), g.one(c, Vocab.ATTRIBUTED_TO),
                g.one(c, Vocab.SCENARIO), integer(step), times, g.one(c, Vocab.TIME_PRECISION),
                g.one(c, Vocab.SOURCE_PROP), integer(paragraph), g.string(c, Vocab.QUOTE), g.string(c, Vocab.CURATOR_NOTE));
    }

    private static Integer integer(Node n) {
        if (n == null || !n.isLiteral()) return null;
        try {
            return Integer.valueOf(n.getLiteralLexicalForm().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The date a timeline sorts this claim by: its point in time, start or earliest time, or, for a
     * fact whose value is itself a date (a signing date, a start time), that date; null if undated.
     */
    String sortDate() {
        for (Node p : List.of(Vocab.POINT_IN_TIME, Vocab.START_TIME, Vocab.EARLIEST_TIME, Vocab.END_TIME, Vocab.LATEST_TIME))
            if (times.containsKey(p)) return times.get(p).getLiteralLexicalForm();
        if (isDate(object)) return object.getLiteralLexicalForm();
        return null;
    }

    static boolean isDate(Node n) {
        if (n == null || !n.isLiteral()) return false;
        String dt = n.getLiteralDatatypeURI();
        return dt != null && (dt.endsWith("#date") || dt.endsWith("#gYear") || dt.endsWith("#gYearMonth")
                || dt.endsWith("#dateTime"));
    }

    /** The nodes this claim mentions that have pages of their own (subject, object, holder, scenario). */
    List<Node> mentioned() {
        List<Node> out = new ArrayList<>();
        for (Node n : new Node[] { subject, object, attributedTo, scenario })
            if (n != null && n.isURI() && n.getURI().startsWith(Vocab.RESOURCE)) out.add(n);
        return out;
    }
}
