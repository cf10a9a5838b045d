package org.geokg.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.geokg.TestProject;
import org.geokg.load.LoadPipeline;
import org.geokg.load.LoadSink;
import org.geokg.ontology.Vocab;
import org.geokg.problem.Problems;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed shape check ({@link ShapeCheck}: one focus node at a time, no database) reports
 * exactly what Jena's own SHACL validator reports on the whole union graph, on the real project's
 * data and on many broken copies of it: quads removed at random (a missing source, label, quote,
 * step, party ...), and quads added that break a shape (a second subject that has no label, a
 * second label, a node given a class whose shape it does not meet, a literal of the wrong
 * datatype). Types are only ever added with all their superclasses, as the loader materialises
 * them, since the streamed check relies on that and Jena's does not.
 */
class ShapeCheckTest {
    static { JenaSystem.init(); }   // before the vocabulary constants below

    private static final Node TYPE = RDF.type.asNode(), LABEL = RDFS.label.asNode(),
            SUBJECT = RDF.subject.asNode();

    @TempDir Path tmp;
    private Graph shapes;
    private List<Quad> quads;

    @BeforeEach
    void realProjectAsTheLoadStreamsIt() throws IOException {
        TestProject project = TestProject.real(tmp);
        shapes = RDFDataMgr.loadGraph(project.layout.shapesFile().toString());
        quads = new ArrayList<>();
        try (LoadPipeline pipeline = new LoadPipeline(project.layout)) {
            pipeline.write(collectingInto(quads));
            assertTrue(pipeline.problems().isEmpty(), pipeline.problems().report());
        }
    }

    @Test
    void theRealDataMeetsTheShapesBothWays() {
        assertEquals(Set.of(), jenasViolations(quads));
        assertEquals(Set.of(), streamedViolations(quads, NO_SPILL));
    }

    @Test
    void brokenCopiesGiveTheSameViolationsAsJenasValidatorOnTheWholeGraph() {
        List<Node> classes = shapedClasses();
        for (int seed = 1; seed <= 8; seed++) {
            List<Quad> broken = broken(new Random(seed), classes);
            Set<String> expected = jenasViolations(broken);
            assertFalse(expected.isEmpty(), "seed " + seed + ": the breakage should violate some shape");
            assertEquals(expected, streamedViolations(broken, NO_SPILL), "seed " + seed);
            assertEquals(expected, streamedViolations(broken, 500), "seed " + seed + ", spilling every 500 triples");
        }
    }

    @Test
    void aScenarioWithoutStepsIsFoundThroughTheInversePath() {
        List<Quad> noSteps = quads.stream()
                .filter(q -> !q.getPredicate().getURI().equals(Vocab.KG + "scenario")).toList();
        Set<String> expected = jenasViolations(noSteps);
        assertTrue(expected.stream().anyMatch(v -> v.contains("a step of it")), expected.toString());
        assertEquals(expected, streamedViolations(noSteps, NO_SPILL));
    }

    @Test
    void shapesThatReadBeyondANodeAndItsValuesAreRefusedByName() {
        Graph closed = GraphFactory.createDefaultGraph();
        RDFParser.fromString("""
                PREFIX sh: <http://www.w3.org/ns/shacl#>
                PREFIX ex: <http://example.org/>
                ex:ClosedShape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:closed true .
                ex:ChainShape a sh:NodeShape ; sh:targetClass ex:Thing ;
                    sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ] .
                """, Lang.TURTLE).parse(closed);
        Problems problems = new Problems();
        assertNull(ShapeCheck.of(closed, "ontology/shapes.ttl", tmp, problems));
        String report = problems.report();
        assertTrue(report.contains("ontology/shapes.ttl: shape ex:ClosedShape uses sh:closed"), report);
        assertTrue(report.contains("ontology/shapes.ttl: a property shape in shape ex:ChainShape uses the path"), report);
        assertTrue(report.endsWith("2 problems"), report);
    }

    /** A copy of the data with some quads removed and some added that break shapes. */
    private List<Quad> broken(Random random, List<Node> classes) {
        List<Quad> data = new ArrayList<>();
        List<Quad> removable = new ArrayList<>();
        for (Quad q : quads) {
            // The ontology and the types stay whole: the streamed check takes types as materialised.
            if (q.getGraph().equals(Vocab.ONTOLOGY_GRAPH) || q.getPredicate().equals(TYPE)) data.add(q);
            else removable.add(q);
        }
        for (int i = 0; i < 15; i++) removable.remove(random.nextInt(removable.size()));
        data.addAll(removable);

        List<Quad> claims = data.stream().filter(q -> q.getPredicate().equals(SUBJECT)).toList();
        List<Quad> labels = data.stream().filter(q -> q.getPredicate().equals(LABEL)
                && !q.getGraph().equals(Vocab.ONTOLOGY_GRAPH)).toList();
        List<Quad> typedLiterals = data.stream().filter(q -> q.getObject().isLiteral()
                && !q.getObject().getLiteralDatatypeURI().equals(XSDDatatype.XSDstring.getURI())
                && !q.getGraph().equals(Vocab.ONTOLOGY_GRAPH)).toList();
        List<Quad> added = new ArrayList<>();
        Quad claim = pick(random, claims);
        added.add(Quad.create(claim.getGraph(), claim.getSubject(), SUBJECT,
                NodeFactory.createURI("http://example.org/unlabelled-" + random.nextInt(1000))));
        Quad label = pick(random, labels);
        added.add(Quad.create(label.getGraph(), label.getSubject(), LABEL, NodeFactory.createLiteralString("another name")));
        Quad literal = pick(random, typedLiterals);
        data.remove(literal);
        added.add(Quad.create(literal.getGraph(), literal.getSubject(), literal.getPredicate(),
                NodeFactory.createLiteralString("not a " + literal.getObject().getLiteralDatatype().getURI())));
        Node someone = pick(random, data).getSubject();
        Node cls = pick(random, classes);
        for (Node c : withSuperclasses(cls)) added.add(Quad.create(pick(random, claims).getGraph(), someone, TYPE, c));
        data.addAll(added);
        return data;
    }

    /** The classes some shape targets, to give a node one it does not meet. */
    private List<Node> shapedClasses() {
        Set<Node> found = new java.util.LinkedHashSet<>();
        shapes.find(Node.ANY, NodeFactory.createURI("http://www.w3.org/ns/shacl#targetClass"), Node.ANY)
                .forEachRemaining(t -> found.add(t.getObject()));
        return new ArrayList<>(found);
    }

    private Set<Node> withSuperclasses(Node cls) {
        Set<Node> all = new java.util.LinkedHashSet<>(Set.of(cls));
        List<Node> todo = new ArrayList<>(List.of(cls));
        while (!todo.isEmpty()) {
            Node c = todo.remove(todo.size() - 1);
            for (Quad q : quads)
                if (q.getGraph().equals(Vocab.ONTOLOGY_GRAPH) && q.getSubject().equals(c)
                        && q.getPredicate().equals(RDFS.subClassOf.asNode()) && q.getObject().isURI()
                        && all.add(q.getObject())) todo.add(q.getObject());
        }
        return all;
    }

    private static <T> T pick(Random random, List<T> from) {
        assertFalse(from.isEmpty());
        return from.get(random.nextInt(from.size()));
    }

    /** Jena's validator over the union graph of all the data held in memory. */
    private Set<String> jenasViolations(List<Quad> data) {
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        data.forEach(dsg::add);
        ValidationReport report = ShaclValidator.get().validate(Shapes.parse(shapes), dsg.getUnionGraph());
        Set<String> found = new TreeSet<>();
        report.getEntries().forEach(e -> found.add(describe(e)));
        return found;
    }

    private static final long NO_SPILL = Long.MAX_VALUE;

    /**
     * The streamed check's violations, on three threads; with {@code spillAfter} small, it sorts
     * through files, and deletes them.
     */
    private Set<String> streamedViolations(List<Quad> data, long spillAfter) {
        Problems problems = new Problems();
        Path spill = tmp.resolve("spill");
        ShapeCheck check = ShapeCheck.of(shapes, "ontology/shapes.ttl", spill, spillAfter, 3, problems);
        assertNotNull(check, problems.report());
        Set<String> found = new TreeSet<>();
        try (check) {
            data.forEach(check::add);
            check.check((file, column) -> 0, problems,
                    (report, where) -> report.getEntries().forEach(e -> found.add(describe(e))));
            if (spillAfter < data.size()) assertFalse(files(spill).isEmpty(), "spilled to " + spill);
        }
        assertEquals(List.of(), files(spill), "the spill files are deleted");
        return found;
    }

    private static List<Path> files(Path dir) {
        if (!java.nio.file.Files.isDirectory(dir)) return List.of();
        try (var s = java.nio.file.Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String describe(ReportEntry e) {
        return e.focusNode() + " | " + e.resultPath() + " | " + e.value() + " | " + e.sourceConstraintComponent()
                + " | " + e.message();
    }

    private static LoadSink collectingInto(List<Quad> list) {
        return new LoadSink() {
            @Override public void startBulk() { }
            @Override public void prefix(String prefix, String iri) { }
            @Override public void add(Quad quad) { list.add(quad); }
            @Override public void finishBulk() { }
            @Override public void finishException(Throwable cause) { }
        };
    }
}
