package org.geokg.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.geokg.TestProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ontology/cameo.ttl holds the whole CAMEO event codebook of GDELT's lookup files in ../shared/gdelt:
 * every code, its name, its place in the hierarchy and its Goldstein scale value, line by line.
 */
class CameoCodebookTest {
    static final Path GDELT = TestProject.gdeltDir(TestProject.realHome());
    static final String CAMEO = "https://w3id.org/geokg/cameo/";
    static final Node GOLDSTEIN = NodeFactory.createURI("https://w3id.org/geokg/ontology#goldsteinScale");
    /** Codes the project wrote itself (kg.ttl's event classes use them): codebook names of our own. */
    static final Set<String> OWN = Set.of("04", "05", "057", "06", "062", "08", "087", "0871", "19", "195");

    static Graph g;
    static Map<String, String> names, goldstein;

    @BeforeAll
    static void read() throws IOException {
        assumeTrue(Files.isRegularFile(GDELT.resolve("CAMEO.eventcodes.txt")), "skipped: GDELT's CAMEO lookups are not in "
                + GDELT + ", so cameo.ttl cannot be checked against them");
        names = lookup("CAMEO.eventcodes.txt");
        goldstein = lookup("CAMEO.goldsteinscale.txt");
        g = GraphFactory.createDefaultGraph();
        RDFDataMgr.read(g, TestProject.realHome().resolve("ontology/cameo.ttl").toString());
    }

    /** CODE<TAB>VALUE lines after a header line, as in the file (values not trimmed). */
    static Map<String, String> lookup(String file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(GDELT.resolve(file), StandardCharsets.UTF_8);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split("\t", -1);
            m.put(f[0], f[1]);
        }
        return m;
    }

    static Node code(String c) { return NodeFactory.createURI(CAMEO + c); }

    static String one(Node s, Node p) {
        var l = g.find(s, p, Node.ANY).toList();
        assertEquals(1, l.size(), s + " " + p + ": " + l);
        return l.get(0).getObject().getLiteralLexicalForm();
    }

    @Test
    void everyCodeOfTheLookupIsAConceptAndNoOther() {
        assertEquals(311, names.size());
        assertEquals(names.keySet(), Set.copyOf(goldstein.keySet()));
        List<String> concepts = new ArrayList<>();
        g.find(Node.ANY, RDF.type.asNode(), SKOS.Concept.asNode()).forEach(t -> concepts.add(t.getSubject().getURI().substring(CAMEO.length())));
        assertEquals(Set.copyOf(names.keySet()), Set.copyOf(concepts));
        for (String c : names.keySet()) assertEquals(c, one(code(c), SKOS.notation.asNode()));
    }

    @Test
    void namesAreTheLookupsWithItsQuirksMendedAndNoted() {
        for (var e : names.entrySet()) {
            String c = e.getKey(), verbatim = e.getValue();
            if (OWN.contains(c)) continue;
            String label = one(code(c), SKOS.prefLabel.asNode());
            if (c.equals("044")) {
                assertEquals("Meet at a \u2018third\u2019 location", label);
                assertTrue(one(code(c), SKOS.editorialNote.asNode()).contains(verbatim), "044 keeps the verbatim text in a note");
            } else {
                assertEquals(verbatim.stripTrailing(), label, c);
                assertEquals(!verbatim.equals(label), g.contains(code(c), SKOS.editorialNote.asNode(), Node.ANY),
                        c + ": a note exactly when trailing spaces were dropped");
            }
        }
    }

    @Test
    void theHierarchyFollowsTheDigits() {
        for (String c : names.keySet()) {
            if (c.length() == 2) {
                assertTrue(g.contains(code(c), SKOS.topConceptOf.asNode(), Node.ANY), c);
                assertEquals(List.of(), g.find(code(c), SKOS.broader.asNode(), Node.ANY).toList(), c);
            } else {
                String broader = c.length() == 3 ? c.substring(0, 2) : c.substring(0, 3);
                assertEquals(List.of(code(broader)), g.find(code(c), SKOS.broader.asNode(), Node.ANY).mapWith(t -> t.getObject()).toList(), c);
            }
        }
    }

    @Test
    void everyCodeHasItsGoldsteinScale() {
        for (var e : goldstein.entrySet())
            assertEquals(0, new BigDecimal(e.getValue()).compareTo(new BigDecimal(one(code(e.getKey()), GOLDSTEIN))), e.getKey());
    }
}
