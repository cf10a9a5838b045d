package org.geokg.suggest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFList;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * What the drafter needs from the ontology: its classes by label (to name a suggested class), the
 * class hierarchy, and the object properties' domains and ranges (to list the properties that fit
 * two candidates). Only terms of the {@code kg:} namespace count.
 */
public final class OntologyView {
    static final String KG = "https://w3id.org/geokg/ontology#";

    private final Map<String, String> classByLabel = new HashMap<>();
    private final Map<String, Set<String>> superClasses = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    /** Classes whose members are records or codes (claims, sources, coders, code lists), not things a text names. */
    private final Set<String> recordClasses = new HashSet<>();
    private static final Set<String> RECORD_ROOTS = Set.of("http://www.w3.org/ns/prov#Entity",
            "http://www.w3.org/ns/prov#SoftwareAgent", "http://www.w3.org/2004/02/skos/core#Concept");
    /** Object property local name to its domain and range classes (empty: anything). */
    private final Map<String, List<Set<String>>> properties = new HashMap<>();

    public static OntologyView read(Path ontologyDir) {
        Model m = ModelFactory.createDefaultModel();
        try (Stream<Path> s = Files.walk(ontologyDir)) {
            for (Path ttl : s.filter(p -> p.toString().endsWith(".ttl")).sorted().toList()) {
                if (ttl.getFileName().toString().equals("shapes.ttl")) continue;
                RDFDataMgr.read(m, ttl.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new OntologyView(m);
    }

    OntologyView(Model m) {
        for (Resource c : m.listSubjectsWithProperty(RDF.type, OWL2.Class).toList()) {
            if (!c.isURIResource() || !c.getURI().startsWith(KG)) continue;
            String name = c.getLocalName();
            Statement l = c.getProperty(RDFS.label);
            if (l != null) {
                labels.put(name, l.getString());
                classByLabel.put(l.getString().toLowerCase(Locale.ROOT), name);
            }
            Set<String> sup = superClasses.computeIfAbsent(name, k -> new HashSet<>());
            for (Statement st : c.listProperties(RDFS.subClassOf).toList()) {
                if (!st.getObject().isURIResource()) continue;
                if (st.getResource().getURI().startsWith(KG)) sup.add(st.getResource().getLocalName());
                else if (RECORD_ROOTS.contains(st.getResource().getURI())) recordClasses.add(name);
            }
        }
        for (Resource p : m.listSubjectsWithProperty(RDF.type, OWL2.ObjectProperty).toList()) {
            if (!p.isURIResource() || !p.getURI().startsWith(KG)) continue;
            properties.put(p.getLocalName(), List.of(classes(p.getProperty(RDFS.domain)), classes(p.getProperty(RDFS.range))));
        }
    }

    /** The classes a domain or range names: one class, or an owl:unionOf list of them. */
    private static Set<String> classes(Statement st) {
        Set<String> out = new HashSet<>();
        if (st == null) return out;
        RDFNode o = st.getObject();
        if (o.isURIResource()) {
            String iri = o.asResource().getURI();
            if (iri.startsWith(KG)) out.add(o.asResource().getLocalName());
            else if (iri.equals(OWL2.Thing.getURI()) || iri.equals(RDFS.Resource.getURI())) out.add("*");
            else out.add(iri); // an outside class (skos:Concept): no entity of ours fits it
        } else if (o.isAnon() && o.asResource().hasProperty(OWL2.unionOf)) {
            RDFList list = o.asResource().getPropertyResourceValue(OWL2.unionOf).as(RDFList.class);
            for (RDFNode n : list.asJavaList()) if (n.isURIResource()) out.add(n.asResource().getLocalName());
        }
        return out;
    }

    /** The class whose label is {@code label} (case-insensitive), or null. */
    public String classLabelled(String label) { return classByLabel.get(label.toLowerCase(Locale.ROOT)); }

    public boolean hasClass(String name) { return superClasses.containsKey(name); }

    public String label(String className) { return labels.getOrDefault(className, className); }

    /** The class and all its superclasses. */
    public Set<String> withSuperClasses(Collection<String> classes) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> todo = new ArrayDeque<>(classes);
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (seen.add(c)) todo.addAll(superClasses.getOrDefault(c, Set.of()));
        }
        return seen;
    }

    /** Every class below {@code root} (not {@code root} itself); empty when the ontology has no such class. */
    public Set<String> subClassesOf(String root) {
        Set<String> out = new TreeSet<>();
        for (String c : superClasses.keySet())
            if (!c.equals(root) && withSuperClasses(List.of(c)).contains(root)) out.add(c);
        return out;
    }

    /**
     * The classes of things a text can name: every class but those of records and codes (below
     * prov:Entity, prov:SoftwareAgent or skos:Concept: claims, sources, coders, code lists).
     */
    public Set<String> nameableClasses() {
        Set<String> out = new TreeSet<>();
        for (String c : superClasses.keySet()) {
            boolean record = false;
            for (String s : withSuperClasses(List.of(c))) record |= recordClasses.contains(s);
            if (!record) out.add(c);
        }
        return out;
    }

    public boolean isA(Collection<String> types, String cls) { return withSuperClasses(types).contains(cls); }

    /**
     * Object properties whose declared domain admits a subject of {@code subjectTypes} and whose
     * declared range admits an object of {@code objectTypes} (a property without a domain or a
     * range says nothing, so it is not listed); empty when either side's type is unknown.
     */
    public List<String> fittingProperties(Collection<String> subjectTypes, Collection<String> objectTypes) {
        if (subjectTypes.isEmpty() || objectTypes.isEmpty()) return List.of();
        Set<String> s = withSuperClasses(subjectTypes), o = withSuperClasses(objectTypes);
        TreeSet<String> out = new TreeSet<>();
        properties.forEach((p, dr) -> {
            if (fits(dr.get(0), s) && fits(dr.get(1), o)) out.add(p);
        });
        return new ArrayList<>(out);
    }

    private static boolean fits(Set<String> allowed, Set<String> types) {
        if (allowed.contains("*")) return true;
        for (String a : allowed) if (types.contains(a)) return true;
        return false;
    }
}
