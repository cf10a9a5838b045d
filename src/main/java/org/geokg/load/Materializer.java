package org.geokg.load;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.geokg.mapping.QuadSink;
import org.geokg.ontology.Ontology;

/**
 * Adds what the ontology implies to each asserted triple as it streams past, so plain SPARQL sees
 * the entailments without a reasoner in the server: an instance of a class is an instance of its
 * superclasses and has the values its classes' {@code owl:hasValue} restrictions give; a triple
 * with property p also holds for p's superproperties, reversed for p's inverses, and reversed for
 * p itself when p is symmetric. Every rule looks at one triple and the (small, in-memory)
 * ontology only, so memory does not grow with the data.
 */
public final class Materializer implements QuadSink {
    private final Ontology ontology;
    private final QuadSink out;

    public Materializer(Ontology ontology, QuadSink out) {
        this.ontology = ontology;
        this.out = out;
    }

    @Override
    public void add(Quad q) {
        Node g = q.getGraph(), s = q.getSubject(), p = q.getPredicate(), o = q.getObject();
        if (p.equals(RDF.type.asNode())) {
            for (Node c : ontology.superClassesOf(o)) {
                out.add(Quad.create(g, s, p, c));
                for (var pv : ontology.hasValuesOf(c)) withSuperProperties(g, s, pv.getPredicate(), pv.getObject());
            }
            return;
        }
        withSuperProperties(g, s, p, o);
        if (o.isURI() || o.isBlank()) {
            if (ontology.isSymmetric(p)) withSuperProperties(g, o, p, s);
            for (Node inv : ontology.inversesOf(p)) withSuperProperties(g, o, inv, s);
        }
    }

    private void withSuperProperties(Node g, Node s, Node p, Node o) {
        for (Node sp : ontology.superPropertiesOf(p)) out.add(Quad.create(g, s, sp, o));
    }
}
