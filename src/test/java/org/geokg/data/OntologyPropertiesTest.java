package org.geokg.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.geokg.TestProject;
import org.geokg.ontology.Vocab;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, requirement 4: every object property is listed in ontology/properties.md with its kind,
 * domain, range and inverse as the ontology declares them, and a relation reads "subject verb
 * object" with the actor first.
 */
class OntologyPropertiesTest {
    static final Path HOME = TestProject.realHome();
    static final Set<String> KINDS = Set.of("relation", "role", "link", "statement");

    record Row(int line, String kind, String domain, String range, String inverse) {}

    static Model ontology;
    static Map<String, Row> documented;

    @BeforeAll
    static void read() throws IOException {
        ontology = ModelFactory.createDefaultModel();
        RDFDataMgr.read(ontology, HOME.resolve("ontology/kg.ttl").toString());
        documented = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(HOME.resolve("ontology/properties.md"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.startsWith("| `kg:")) continue;
            String[] c = l.substring(1, l.length() - 1).split("\\|");
            String name = c[0].strip().replace("`", "");
            Row previous = documented.put(name, new Row(i + 1, c[1].strip(), c[2].strip(), c[3].strip(), c[4].strip()));
            assertTrue(previous == null, "properties.md lists " + name + " twice (lines " + (previous == null ? 0 : previous.line()) + ", " + (i + 1) + ")");
        }
    }

    static Set<String> objectProperties() {
        Set<String> out = new TreeSet<>();
        ontology.listSubjectsWithProperty(RDF.type, OWL2.ObjectProperty).forEach(p -> {
            if (p.isURIResource() && p.getURI().startsWith(Vocab.KG)) out.add(name(p));
        });
        return out;
    }

    static String name(RDFNode n) {
        if (n == null) return "—";
        String uri = n.asResource().getURI();
        if (uri.startsWith(Vocab.KG)) return "kg:" + uri.substring(Vocab.KG.length());
        String q = ontology.qnameFor(uri);
        return q != null ? q : "<" + uri + ">";
    }

    static Resource kg(String qname) { return ontology.createResource(Vocab.KG + qname.substring(3)); }

    @Test
    void everyObjectPropertyIsDocumentedAndNothingElse() {
        Set<String> undocumented = new TreeSet<>(objectProperties());
        undocumented.removeAll(documented.keySet());
        assertEquals(Set.of(), undocumented, "object properties of kg.ttl missing from ontology/properties.md");
        Set<String> stale = new TreeSet<>(documented.keySet());
        stale.removeAll(objectProperties());
        assertEquals(Set.of(), stale, "rows of ontology/properties.md that are no object property of kg.ttl");
        assertTrue(documented.size() > 80, "object properties: " + documented.size());
    }

    @Test
    void eachRowSaysWhatTheOntologyDeclares() {
        List<String> wrong = new ArrayList<>();
        for (var e : documented.entrySet()) {
            Resource p = kg(e.getKey());
            Row r = e.getValue();
            String where = "properties.md:" + r.line() + " " + e.getKey();
            if (!KINDS.contains(r.kind())) wrong.add(where + ": kind '" + r.kind() + "', expected one of " + KINDS);
            String domain = name(value(p, RDFS.domain)), range = name(value(p, RDFS.range));
            if (!domain.equals(r.domain())) wrong.add(where + ": domain " + r.domain() + ", the ontology says " + domain);
            if (!range.equals(r.range())) wrong.add(where + ": range " + r.range() + ", the ontology says " + range);
            String inverse = inverseOf(p);
            if (!inverse.equals(r.inverse())) wrong.add(where + ": inverse " + r.inverse() + ", the ontology says " + inverse);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aRelationPutsTheActorFirst() {
        Resource actor = kg("kg:Actor");
        List<String> backwards = new ArrayList<>();
        for (var e : documented.entrySet()) {
            if (!e.getValue().kind().equals("relation")) continue;
            Resource p = kg(e.getKey());
            RDFNode range = value(p, RDFS.range), domain = value(p, RDFS.domain);
            boolean actorObject = range != null && subClassOf(range.asResource(), actor);
            boolean actorSubject = domain != null && subClassOf(domain.asResource(), actor);
            if (actorObject && !actorSubject)
                backwards.add(e.getKey() + " goes from " + name(domain) + " to an actor (" + name(range) + ")");
        }
        assertEquals(List.of(), backwards, "relations whose object is an actor but whose subject is not");
    }

    @Test
    void armsSupplyHasOneShape() {
        // Only kg:armsSupplierTo, its subproperty and its inverse say who supplies arms to whom;
        // kg:supplierOf above it is goods of any kind, and an arms transfer names no supplier.
        Set<String> supply = new TreeSet<>();
        for (String p : objectProperties())
            if (p.toLowerCase().contains("supplier") || p.toLowerCase().contains("recipient")) supply.add(p);
        assertEquals(Set.of("kg:armsRecipientOf", "kg:armsSupplierTo", "kg:recipient", "kg:soleArmsSupplierTo", "kg:supplierOf"), supply);
        assertTrue(ontology.contains(kg("kg:armsSupplierTo"), RDFS.subPropertyOf, kg("kg:supplierOf")));
        assertTrue(ontology.listSubjectsWithProperty(RDFS.domain, kg("kg:ArmsTransfer")).toList().stream()
                .noneMatch(p -> p.getURI().toLowerCase().contains("supplier")), "an arms transfer has no supplier property");
        assertTrue(ontology.contains(kg("kg:soleArmsSupplierTo"), RDFS.subPropertyOf, kg("kg:armsSupplierTo")));
        assertTrue(ontology.contains(kg("kg:armsRecipientOf"), OWL2.inverseOf, kg("kg:armsSupplierTo")));
    }

    private static RDFNode value(Resource p, org.apache.jena.rdf.model.Property on) {
        Statement s = p.getProperty(on);
        return s == null ? null : s.getObject();
    }

    private static String inverseOf(Resource p) {
        if (p.hasProperty(RDF.type, OWL2.SymmetricProperty)) return "symmetric";
        Set<String> inv = new TreeSet<>();
        p.listProperties(OWL2.inverseOf).forEach(s -> inv.add(name(s.getObject())));
        ontology.listSubjectsWithProperty(OWL2.inverseOf, p).forEach(s -> inv.add(name(s)));
        return inv.isEmpty() ? "—" : String.join(", ", inv);
    }

    private static boolean subClassOf(Resource c, Resource sup) {
        Set<Resource> seen = new HashSet<>();
        List<Resource> todo = new ArrayList<>(List.of(c));
        while (!todo.isEmpty()) {
            Resource x = todo.remove(todo.size() - 1);
            if (x.equals(sup)) return true;
            if (!seen.add(x)) continue;
            x.listProperties(RDFS.subClassOf).forEach(s -> { if (s.getObject().isResource()) todo.add(s.getObject().asResource()); });
        }
        return false;
    }
}
