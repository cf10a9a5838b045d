package org.geokg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.BasicPattern;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.optimizer.StatsMatcher;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderLib;
import org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimizer's statistics tell a selective pattern from an unselective one even when both give
 * the predicate and the object: more sources than a code list has members, 12 claims each, 10 of
 * every 12 of them stated facts. Without counts per object TDB2 weighs {@code ?c kg:source <s>} and {@code ?c kg:modality
 * kg:StatedFact} alike, and the order written decides.
 */
class StatisticsTest {
    static final String KG = "https://w3id.org/geokg/ontology#";
    static final Node SOURCE = NodeFactory.createURI(KG + "source");
    static final Node MODALITY = NodeFactory.createURI(KG + "modality");
    static final Node QUOTE = NodeFactory.createURI(KG + "quote");
    static final Node STATED_FACT = NodeFactory.createURI(KG + "StatedFact");
    static final Node FEAR = NodeFactory.createURI(KG + "Fear");
    static final int SOURCES = Statistics.FEW_OBJECTS + 6, CLAIMS_PER_SOURCE = 12, FACTS_PER_SOURCE = 10;

    @TempDir static Path dir;
    static StatsMatcher stats;
    static String statsFile;

    @BeforeAll
    static void writeStatisticsOfACorpus() {
        DatasetGraph tdb = DatabaseMgr.connectDatasetGraph(dir.toString());
        Txn.executeWrite(tdb, () -> {
            for (int s = 0; s < SOURCES; s++) {
                Node graph = NodeFactory.createURI("https://w3id.org/geokg/graph/s" + s);
                Node source = NodeFactory.createURI("https://w3id.org/geokg/source/s" + s);
                for (int c = 0; c < CLAIMS_PER_SOURCE; c++) {
                    Node claim = NodeFactory.createURI("https://w3id.org/geokg/statement/s" + s + "-" + c);
                    tdb.add(Quad.create(graph, claim, SOURCE, source));
                    tdb.add(Quad.create(graph, claim, MODALITY, c < FACTS_PER_SOURCE ? STATED_FACT : FEAR));
                    tdb.add(Quad.create(graph, claim, QUOTE, NodeFactory.createLiteralString("quote " + s + "-" + c)));
                }
            }
        });
        Statistics.write(tdb);
        Path file = Path.of(TDBInternal.getDatasetGraphTDB(tdb).getLocation().getPath(Statistics.FILE));
        statsFile = file.toString();
        stats = new StatsMatcher(statsFile);
        KgStore.close(tdb);
    }

    static final Var ANY_SUBJECT = Var.alloc("s");

    static double weight(Node predicate, Node object) {
        return stats.match(Triple.create(ANY_SUBJECT, predicate, object));
    }

    @Test
    void aPredicateWithManyObjectsWeighsItsMeanNumberOfSubjectsPerObject() {
        assertEquals(CLAIMS_PER_SOURCE, weight(SOURCE, NodeFactory.createURI("https://w3id.org/geokg/source/s3")));
    }

    @Test
    void aCodeListGetsTheCountOfEachOfItsMembers() {
        assertEquals(SOURCES * FACTS_PER_SOURCE, weight(MODALITY, STATED_FACT));
        assertEquals(SOURCES * (CLAIMS_PER_SOURCE - FACTS_PER_SOURCE), weight(MODALITY, FEAR));
    }

    @Test
    void theCountOfEachPredicateIsStillThere() {
        // TDB2's own abbreviation (<predicate> count) gives the weight of ?s p ?o.
        assertEquals(SOURCES * CLAIMS_PER_SOURCE, weight(QUOTE, Var.alloc("quote")));
    }

    @Test
    void theOptimizerStartsFromTheSourceWhicheverIsWrittenFirst() {
        ReorderTransformation reorder = ReorderLib.weighted(statsFile);
        Var claim = Var.alloc("claim");
        Triple fact = Triple.create(claim, MODALITY, STATED_FACT);
        Triple ofSource = Triple.create(claim, SOURCE, NodeFactory.createURI("https://w3id.org/geokg/source/s3"));
        BasicPattern written = new BasicPattern();
        written.add(fact);
        written.add(ofSource);
        BasicPattern planned = reorder.reorder(written);
        assertEquals(ofSource, planned.get(0), planned.toString());
        assertTrue(planned.getList().contains(fact));
    }
}
