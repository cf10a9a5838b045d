package org.geokg.pages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;

/**
 * A statement node as the loader writes it (README, "The model"): the triple it carries, its
 * modality and qualifiers, and its reference (source, paragraph, verbatim quote).
 */
record Claim(Node iri, Node subject, Node property, Node object, Node modality, Node likelihood,
             Node attributedTo, Node scenario, Integer step, Map<Node, Node> times, Node precision,
             Node source, Integer paragraph, String quote, String note) {

    static final Node STATED_FACT = Terms.kg("StatedFact");
    static final Node ATTRIBUTED_REPORT = Terms.kg("AttributedReport");
    static final Node AUTHOR_ASSESSMENT = Terms.kg("AuthorAssessment");
    static final Node FEAR = Terms.kg("Fear");
    static final Node HYPOTHETICAL = Terms.kg("Hypothetical");

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
    static final List<Node> TIME_PROPERTIES = List.of(Terms.POINT_IN_TIME, Terms.START_TIME, Terms.END_TIME,
            Terms.EARLIEST_TIME, Terms.LATEST_TIME);

    static Claim read(GraphView g, Node c) {
        Map<Node, Node> times = new LinkedHashMap<>();
        for (Node p : TIME_PROPERTIES) {
            Node t = g.one(c, p);
            if (t != null) times.put(p, t);
        }
        Node step = g.one(c, Terms.STEP);
        Node paragraph = g.one(c, Terms.PARAGRAPH);
        return new Claim(c, g.one(c, RDF.subject.asNode()), g.one(c, RDF.predicate.asNode()), g.one(c, RDF.object.asNode()),
                g.one(c, Terms.MODALITY), g.one(c, Terms.LIKELIHOOD), g.one(c, Terms.ATTRIBUTED_TO),
                g.one(c, Terms.SCENARIO), integer(step), times, g.one(c, Terms.TIME_PRECISION),
                g.one(c, Terms.SOURCE_PROP), integer(paragraph), g.string(c, Terms.QUOTE), g.string(c, Terms.CURATOR_NOTE));
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
        for (Node p : List.of(Terms.POINT_IN_TIME, Terms.START_TIME, Terms.EARLIEST_TIME, Terms.END_TIME, Terms.LATEST_TIME))
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
            if (n != null && n.isURI() && n.getURI().startsWith(Terms.RESOURCE)) out.add(n);
        return out;
    }
}
