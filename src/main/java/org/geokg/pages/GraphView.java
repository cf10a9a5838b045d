package org.geokg.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.util.iterator.ExtendedIterator;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * Read access to the served dataset for the pages: the union of all named graphs (every source and
 * the ontology), as SPARQL's default graph is. Used inside a read transaction; labels are looked up
 * once per page.
 */
final class GraphView {
    static final Node SKOS_PREF_LABEL = Terms.iri(Terms.SKOS + "prefLabel");
    static final Node SKOS_NOTATION = Terms.iri(Terms.SKOS + "notation");

    final DatasetGraph dataset;
    final Graph graph;
    private final Map<Node, String> labels = new HashMap<>();

    GraphView(DatasetGraph dataset) {
        this.dataset = dataset;
        this.graph = dataset.getUnionGraph();
    }

    /** Distinct triples matching the pattern (null = any). */
    List<Triple> find(Node s, Node p, Node o) {
        Set<Triple> out = new LinkedHashSet<>();
        ExtendedIterator<Triple> it = graph.find(s == null ? Node.ANY : s, p == null ? Node.ANY : p, o == null ? Node.ANY : o);
        try {
            while (it.hasNext()) out.add(it.next());
        } finally {
            it.close();
        }
        return new ArrayList<>(out);
    }

    List<Node> objects(Node s, Node p) {
        Set<Node> out = new LinkedHashSet<>();
        for (Triple t : find(s, p, null)) out.add(t.getObject());
        return new ArrayList<>(out);
    }

    List<Node> subjects(Node p, Node o) {
        Set<Node> out = new LinkedHashSet<>();
        for (Triple t : find(null, p, o)) out.add(t.getSubject());
        return new ArrayList<>(out);
    }

    Node one(Node s, Node p) {
        List<Node> os = objects(s, p);
        return os.isEmpty() ? null : os.get(0);
    }

    String string(Node s, Node p) {
        Node n = one(s, p);
        return n != null && n.isLiteral() ? n.getLiteralLexicalForm() : null;
    }

    boolean has(Node s, Node p, Node o) {
        return graph.contains(s, p == null ? Node.ANY : p, o == null ? Node.ANY : o);
    }

    boolean isClaim(Node n) {
        return has(n, RDF.type.asNode(), Terms.CLAIM);
    }

    /**
     * What a reader calls the node: its English (or untagged) rdfs:label, else its skos:prefLabel
     * (CAMEO codes), else its dcterms:title (sources), else a short form of its IRI; a literal's text.
     */
    String label(Node n) {
        if (n == null) return "";
        if (n.isLiteral()) return n.getLiteralLexicalForm();
        if (n.isBlank()) return "(blank node)";
        return labels.computeIfAbsent(n, this::lookUpLabel);
    }

    /** Whether the node has a label of its own (rather than a short form of its IRI). */
    boolean hasLabel(Node n) {
        return n != null && n.isURI() && (has(n, RDFS.label.asNode(), null) || has(n, SKOS_PREF_LABEL, null)
                || has(n, Terms.TITLE, null));
    }

    private String lookUpLabel(Node n) {
        for (Node p : List.of(RDFS.label.asNode(), SKOS_PREF_LABEL, Terms.TITLE)) {
            String best = null;
            for (Node l : objects(n, p)) {
                if (!l.isLiteral()) continue;
                String lang = l.getLiteralLanguage();
                if (lang.isEmpty() || lang.equalsIgnoreCase("en")) return l.getLiteralLexicalForm();
                if (best == null) best = l.getLiteralLexicalForm();
            }
            if (best != null) return best;
        }
        return shortForm(n.getURI());
    }

    static String shortForm(String iri) {
        for (String ns : List.of(Terms.RESOURCE, Terms.STATEMENT, Terms.SOURCE, Terms.KG))
            if (iri.startsWith(ns) && iri.length() > ns.length()) return iri.substring(ns.length());
        return iri;
    }

    /** The classes of a node with the ones implied by another of its classes left out. */
    List<Node> mostSpecificTypes(Node n) {
        List<Node> types = objects(n, RDF.type.asNode());
        Set<Node> implied = new LinkedHashSet<>();
        for (Node t : types) implied.addAll(superClasses(t));
        List<Node> out = new ArrayList<>();
        for (Node t : types) if (!implied.contains(t)) out.add(t);
        return out;
    }

    /** Every strict superclass (rdfs:subClassOf, followed transitively). */
    Set<Node> superClasses(Node cls) {
        Set<Node> seen = new LinkedHashSet<>();
        List<Node> todo = new ArrayList<>(objects(cls, RDFS.subClassOf.asNode()));
        while (!todo.isEmpty()) {
            Node c = todo.remove(todo.size() - 1);
            if (c.equals(cls) || !c.isURI() || !seen.add(c)) continue;
            todo.addAll(objects(c, RDFS.subClassOf.asNode()));
        }
        return seen;
    }

    /** The claims (statement nodes) about a node: as subject, object, holder, or scenario. */
    List<Claim> claimsAbout(Node n) {
        Set<Node> ids = new LinkedHashSet<>();
        for (Node p : List.of(RDF.subject.asNode(), RDF.object.asNode(), Terms.ATTRIBUTED_TO, Terms.SCENARIO))
            for (Node c : subjects(p, n)) if (isClaim(c)) ids.add(c);
        List<Claim> out = new ArrayList<>();
        for (Node c : ids) out.add(Claim.read(this, c));
        return out;
    }

    /** The stated-fact claim that carries this plain triple, or null (then the triple was implied at load). */
    Node factClaim(Node s, Node p, Node o) {
        for (Node c : subjects(RDF.subject.asNode(), s))
            if (has(c, RDF.predicate.asNode(), p) && has(c, RDF.object.asNode(), o)
                    && has(c, Terms.MODALITY, Claim.STATED_FACT))
                return c;
        return null;
    }
}
