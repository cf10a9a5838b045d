package org.geokg.shapes;

import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.engine.Target;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.VLib;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Prologue;
import org.geokg.problem.Problems;

/**
 * Runs the SHACL shapes over the loaded data and reports each violation readably: the CSV file and
 * line the focus node came from (its {@code kg:definedAt}), the focus node, the path and the
 * shape's message.
 */
public final class ShapeCheck {
    private ShapeCheck() {}

    /**
     * @param origin the "data/x.csv:12" a node was defined at, or null
     * @return the number of violations reported
     */
    public static long check(Graph shapesGraph, Graph data, Function<Node, String> origin,
                             PrefixMapping prefixes, String shapesFile, Problems problems) {
        Shapes shapes = Shapes.parse(shapesGraph);
        ValidationContext vCxt = ValidationContext.create(shapes, data);
        for (Shape shape : shapes.getTargetShapes())
            for (Target target : shape.getTargets())
                forEachFocusNode(data, target, node -> VLib.validateShape(vCxt, data, shape, node));
        ValidationReport report = vCxt.generateReport();
        long n = 0;
        for (ReportEntry e : report.getEntries()) {
            n++;
            String where = origin.apply(e.focusNode());
            String file = shapesFile;
            long line = 0;
            if (where != null) {
                int colon = where.lastIndexOf(':');
                file = where.substring(0, colon);
                line = Long.parseLong(where.substring(colon + 1));
            }
            String path = e.resultPath() == null ? "" : ", path " + e.resultPath().toString(new Prologue(prefixes));
            // A node-level constraint reports the focus node itself as the value: said once is enough.
            String value = e.value() == null || e.value().equals(e.focusNode()) ? "" : ", value " + show(e.value(), prefixes);
            problems.add(file, line, 0, "SHACL " + e.severity().level().getLocalName().toLowerCase()
                    + ": focus " + show(e.focusNode(), prefixes) + path + value + ": " + e.message());
        }
        return n;
    }

    /** Beyond this many distinct focus nodes, finding them spills to disk instead of growing the heap. */
    private static final long SPILL_THRESHOLD = 50_000;

    /**
     * Streams the focus nodes of a target. Jena's own validator first collects every focus node of
     * a target into a set in memory, which grows with the data (a million claims, a million
     * nodes); here a DISTINCT query with spilling finds them, one at a time. Class targets need no
     * rdfs:subClassOf walk: the loader has materialised every superclass as a type.
     */
    private static void forEachFocusNode(Graph data, Target target, Consumer<Node> action) {
        Node o = target.getObject();
        String pattern = switch (target.getTargetType()) {
            case targetClass, implicitClass -> "?focus <" + RDF.type.getURI() + "> " + term(o);
            case targetSubjectsOf -> "?focus " + term(o) + " ?any";
            case targetObjectsOf -> "?any " + term(o) + " ?focus";
            default -> null;
        };
        if (pattern == null) { // sh:targetNode, SPARQL-based targets: few nodes, Jena finds them
            target.getFocusNodes(data).forEach(action);
            return;
        }
        RowSet rows = QueryExec.graph(data)
                .query("SELECT DISTINCT ?focus { " + pattern + " }")
                .set(ARQ.spillToDiskThreshold, SPILL_THRESHOLD)
                .select();
        rows.forEachRemaining(b -> action.accept(b.get("focus")));
    }

    private static String term(Node n) {
        return n.isURI() ? "<" + n.getURI() + ">" : NodeFmtLib.strNT(n);
    }

    private static String show(Node n, PrefixMapping prefixes) {
        if (n.isURI()) {
            String q = prefixes.qnameFor(n.getURI());
            return q != null ? q : "<" + n.getURI() + ">";
        }
        return n.toString();
    }
}
