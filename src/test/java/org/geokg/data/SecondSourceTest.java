package org.geokg.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

import org.geokg.SecondSource;
import org.geokg.Sparql;
import org.geokg.TestProject;
import org.geokg.load.Loader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding an article is only new rows (plus ontology terms for a new kind of fact), never Java:
 * the project as it is, with a small invented second source dropped in as files, loads and
 * answers questions about both sources.
 */
class SecondSourceTest {
    @TempDir Path tmp;

    @Test
    void aSecondSourceIsOnlyNewFiles() throws IOException {
        TestProject project = TestProject.real(tmp);
        SecondSource.addTo(project);

        Path db = project.layout.defaultDb();
        Loader.Summary s = Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        // A named graph of its own, beside the first source's and the ontology's.
        assertTrue(s.triplesPerGraph().keySet().containsAll(Set.of(
                "https://w3id.org/geokg/graph/grain-2026-fixture",
                "https://w3id.org/geokg/graph/russia-iran-2025",
                "https://w3id.org/geokg/graph/ontology")), s.triplesPerGraph().keySet().toString());
        // The new kind of fact is a plain triple, with its evidence beside it.
        assertEquals(Set.of("2000000|2|https://w3id.org/geokg/source/grain-2026-fixture"),
                Sparql.column(project.layout, db, "SELECT (CONCAT(STR(?v), '|', STR(?p), '|', STR(?src)) AS ?x) {"
                        + " kgr:grain-agreement-2026 kg:grainVolumeTonnes ?v ."
                        + " ?c rdf:subject kgr:grain-agreement-2026 ; rdf:predicate kg:grainVolumeTonnes ; kg:paragraph ?p ; kg:source ?src }"));
        // It joins the first source's entities: Russia and Iran are parties to it.
        assertEquals(Set.of("Iran", "Russia"), Sparql.column(project.layout, db,
                "SELECT ?l { kgr:grain-agreement-2026 kg:party ?p . ?p rdfs:label ?l }"));
        // The ontology's entailments reach the new class too (a grain agreement is an agreement).
        assertTrue(Sparql.ask(project.layout, db, "ASK { kgr:grain-agreement-2026 a kg:Agreement }"));
        // Its assessment stays a claim: this source adds no plain triple for it (the first source
        // states the same reliance as a fact, so only this source's graph tells them apart).
        assertFalse(Sparql.ask(project.layout, db, "ASK { GRAPH <https://w3id.org/geokg/graph/grain-2026-fixture>"
                + " { kgr:iran kg:reliesOnEconomicSupportOf kgr:russia } }"));
        assertTrue(Sparql.ask(project.layout, db, "ASK { GRAPH <https://w3id.org/geokg/graph/russia-iran-2025>"
                + " { kgr:iran kg:reliesOnEconomicSupportOf kgr:russia } }"));
        assertTrue(Sparql.ask(project.layout, db,
                "ASK { kgs:g2026-reliance-assessment kg:modality kg:AuthorAssessment ; kg:likelihood kg:Likely }"));
    }
}
