package org.geokg.load;

import java.util.HashMap;
import java.util.Map;

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
    /** What the ontology says of each property met so far: one look-up per quad instead of three. */
    private final Map<Node, PropertyRules> rules = new HashMap<>();

    private record PropertyRules(Node[] superProperties, boolean symmetric, Node[] inverses) {}

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
        PropertyRules r = rulesOf(p);
        for (Node sp : r.superProperties()) out.add(Quad.create(g, s, sp, o));
        if (o.isURI() || o.isBlank()) {
            if (r.symmetric()) withSuperProperties(g, o, p, s);
            for (Node inv : r.inverses()) withSuperProperties(g, o, inv, s);
        }
    }

    private void withSuperProperties(Node g, Node s, Node p, Node o) {
        for (Node sp : rulesOf(p).superProperties()) out.add(Quad.create(g, s, sp, o));
    }

    private PropertyRules rulesOf(Node p) {
        PropertyRules r = rules.get(p);
        if (r == null) {
            // Properties are few (the ontology's, and the mappings' own such as oa:); a data value is never one.
            r = new PropertyRules(ontology.superPropertiesOf(p).toArray(Node[]::new), ontology.isSymmetric(p),
                    ontology.inversesOf(p).toArray(Node[]::new));
            rules.put(p, r);
        }
        return r;
    }
}
