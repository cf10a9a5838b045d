package org.geokg.ontology;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * What the loader needs to know of the ontology, indexed once (the ontology is small; the data is
 * not): which classes, properties and individuals exist, how a property's values are typed, and
 * the entailments to materialise while streaming: superclasses, {@code owl:hasValue} restrictions,
 * superproperties, inverses and symmetric properties.
 */
public final class Ontology {
    public enum PropertyKind { OBJECT, DATATYPE }

    private final Set<Node> classes = new HashSet<>();
    private final Map<Node, PropertyKind> properties = new HashMap<>();
    private final Map<Node, List<RDFDatatype>> ranges = new HashMap<>();
    private final Set<Node> individuals = new HashSet<>();
    private final Map<Node, Set<Node>> superClasses = new HashMap<>();
    private final Map<Node, Set<Node>> superProperties = new HashMap<>();
    private final Map<Node, Set<Node>> inverses = new HashMap<>();
    private final Set<Node> symmetric = new HashSet<>();
    /** For a class: the (property, value) pairs its members have by owl:hasValue restrictions. */
    private final Map<Node, Set<Triple>> hasValues = new HashMap<>();

    public Ontology(Graph g) {
        for (Node c : List.of(OWL2.Class.asNode(), RDFS.Class.asNode()))
            g.find(Node.ANY, RDF.type.asNode(), c).forEach(t -> { if (t.getSubject().isURI()) classes.add(t.getSubject()); });
        g.find(Node.ANY, RDF.type.asNode(), OWL2.ObjectProperty.asNode()).forEach(t -> properties.put(t.getSubject(), PropertyKind.OBJECT));
        g.find(Node.ANY, RDF.type.asNode(), OWL2.DatatypeProperty.asNode()).forEach(t -> properties.put(t.getSubject(), PropertyKind.DATATYPE));
        g.find(Node.ANY, RDF.type.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && classes.contains(t.getObject())) individuals.add(t.getSubject());
        });
        g.find(Node.ANY, RDF.type.asNode(), OWL2.NamedIndividual.asNode()).forEach(t -> individuals.add(t.getSubject()));
        for (Node p : properties.keySet())
            g.find(p, RDFS.range.asNode(), Node.ANY).forEach(t -> ranges.put(p, datatypes(g, t.getObject())));

        Map<Node, Set<Node>> directSuperClasses = new HashMap<>();
        g.find(Node.ANY, RDFS.subClassOf.asNode(), Node.ANY).forEach(t -> {
            Node sup = t.getObject();
            if (sup.isURI()) directSuperClasses.computeIfAbsent(t.getSubject(), k -> new HashSet<>()).add(sup);
            else restriction(g, sup).ifPresent(pv -> hasValues.computeIfAbsent(t.getSubject(), k -> new HashSet<>()).add(pv));
        });
        g.find(Node.ANY, OWL2.equivalentClass.asNode(), Node.ANY).forEach(t -> {
            if (t.getObject().isBlank())
                restriction(g, t.getObject()).ifPresent(pv -> hasValues.computeIfAbsent(t.getSubject(), k -> new HashSet<>()).add(pv));
        });
        Map<Node, Set<Node>> directSuperProps = new HashMap<>();
        g.find(Node.ANY, RDFS.subPropertyOf.asNode(), Node.ANY).forEach(t ->
                directSuperProps.computeIfAbsent(t.getSubject(), k -> new HashSet<>()).add(t.getObject()));
        for (Node c : union(classes, directSuperClasses.keySet())) superClasses.put(c, closure(c, directSuperClasses));
        for (Node p : union(properties.keySet(), directSuperProps.keySet())) superProperties.put(p, closure(p, directSuperProps));
        g.find(Node.ANY, OWL2.inverseOf.asNode(), Node.ANY).forEach(t -> {
            inverses.computeIfAbsent(t.getSubject(), k -> new HashSet<>()).add(t.getObject());
            inverses.computeIfAbsent(t.getObject(), k -> new HashSet<>()).add(t.getSubject());
        });
        g.find(Node.ANY, RDF.type.asNode(), OWL2.SymmetricProperty.asNode()).forEach(t -> symmetric.add(t.getSubject()));
    }

    private static Set<Node> union(Set<Node> a, Set<Node> b) {
        Set<Node> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** The node itself and everything reachable upwards, in a stable order. */
    private static Set<Node> closure(Node start, Map<Node, Set<Node>> up) {
        Set<Node> seen = new LinkedHashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (seen.add(n)) todo.addAll(up.getOrDefault(n, Set.of()));
        }
        return seen;
    }

    private static java.util.Optional<Triple> restriction(Graph g, Node r) {
        Node onProperty = single(g, r, OWL2.onProperty.asNode());
        Node value = single(g, r, OWL2.hasValue.asNode());
        return onProperty == null || value == null ? java.util.Optional.empty()
                : java.util.Optional.of(Triple.create(Node.ANY, onProperty, value));
    }

    private static Node single(Graph g, Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    /** The datatypes a range allows: one datatype, or the members of an owl:unionOf datatype. */
    private static List<RDFDatatype> datatypes(Graph g, Node range) {
        Node union = single(g, range, OWL2.unionOf.asNode());
        if (union != null) {
            List<RDFDatatype> members = new java.util.ArrayList<>();
            for (Node cell = union; cell != null && !cell.equals(RDF.nil.asNode());
                 cell = single(g, cell, RDF.rest.asNode())) {
                Node m = single(g, cell, RDF.first.asNode());
                if (m != null && m.isURI()) members.add(TypeMapper.getInstance().getSafeTypeByName(m.getURI()));
            }
            return members;
        }
        return range.isURI() ? List.of(TypeMapper.getInstance().getSafeTypeByName(range.getURI())) : List.of();
    }

    public boolean isClass(Node n) { return classes.contains(n); }
    public boolean isIndividual(Node n) { return individuals.contains(n); }
    public PropertyKind kind(Node property) { return properties.get(property); }
    /** Datatypes allowed by the property's rdfs:range; empty for "any literal". */
    public List<RDFDatatype> datatypesOf(Node property) { return ranges.getOrDefault(property, List.of()); }
    public Set<Node> superClassesOf(Node c) { return superClasses.getOrDefault(c, Set.of(c)); }
    public Set<Node> superPropertiesOf(Node p) { return superProperties.getOrDefault(p, Set.of(p)); }
    public Set<Node> inversesOf(Node p) { return inverses.getOrDefault(p, Set.of()); }
    public boolean isSymmetric(Node p) { return symmetric.contains(p); }
    public Set<Triple> hasValuesOf(Node c) { return hasValues.getOrDefault(c, Set.of()); }
    public Set<Node> classes() { return classes; }
    public Set<Node> properties() { return properties.keySet(); }
}
