package org.geokg.pages;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;

/**
 * The RDF a dereferenced IRI answers with: for an entity its triples in both directions (unlike a
 * plain DESCRIBE, which gives only the outgoing ones) and the claims about it; for a statement or a
 * source its own triples; every IRI mentioned comes with its label.
 */
final class Describe {
    private Describe() {}

    static Model entity(GraphView g, Node e) {
        Graph out = GraphFactory.createDefaultGraph();
        for (Triple t : g.find(e, null, null)) out.add(t);
        for (Triple t : g.find(null, null, e)) out.add(t);
        for (Claim c : g.claimsAbout(e)) for (Triple t : g.find(c.iri(), null, null)) out.add(t);
        return withLabels(g, out);
    }

    static Model statement(GraphView g, Node c) {
        Graph out = GraphFactory.createDefaultGraph();
        for (Triple t : g.find(c, null, null)) out.add(t);
        return withLabels(g, out);
    }

    static Model source(GraphView g, Node s) {
        Graph out = GraphFactory.createDefaultGraph();
        for (Triple t : g.find(s, null, null)) out.add(t);
        for (Triple t : g.find(null, Terms.SOURCE_PROP, s)) out.add(t);
        return withLabels(g, out);
    }

    static Model ontology(GraphView g) {
        Graph out = GraphFactory.createDefaultGraph();
        g.dataset.getGraph(Terms.ONTOLOGY_GRAPH).find().forEachRemaining(out::add);
        return prefixed(ModelFactory.createModelForGraph(out));
    }

    private static Model withLabels(GraphView g, Graph out) {
        Set<Node> mentioned = new LinkedHashSet<>();
        out.find().forEachRemaining(t -> {
            mentioned.add(t.getSubject());
            mentioned.add(t.getPredicate());
            if (t.getObject().isURI()) mentioned.add(t.getObject());
        });
        for (Node n : mentioned)
            if (n.isURI()) for (Triple t : g.find(n, RDFS.label.asNode(), null)) out.add(t);
        return prefixed(ModelFactory.createModelForGraph(out));
    }

    private static Model prefixed(Model m) {
        m.setNsPrefix("kg", Terms.KG);
        m.setNsPrefix("kgr", Terms.RESOURCE);
        m.setNsPrefix("kgs", Terms.STATEMENT);
        m.setNsPrefix("src", Terms.SOURCE);
        m.setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        m.setNsPrefix("rdfs", RDFS.getURI());
        m.setNsPrefix("owl", "http://www.w3.org/2002/07/owl#");
        m.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        m.setNsPrefix("skos", Terms.SKOS);
        m.setNsPrefix("dcterms", Terms.DCTERMS);
        m.setNsPrefix("wd", Terms.WIKIDATA_ENTITY);
        return m;
    }
}
