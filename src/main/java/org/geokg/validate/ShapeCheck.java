package org.geokg.validate;

import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Prologue;
import org.geokg.load.Problems;

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
        ValidationReport report = ShaclValidator.get().validate(shapes, data);
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
            String value = e.value() == null ? "" : ", value " + show(e.value(), prefixes);
            problems.add(file, line, 0, "SHACL " + e.severity().level().getLocalName().toLowerCase()
                    + ": focus " + show(e.focusNode(), prefixes) + path + value + ": " + e.message());
        }
        return n;
    }

    private static String show(Node n, PrefixMapping prefixes) {
        if (n.isURI()) {
            String q = prefixes.qnameFor(n.getURI());
            return q != null ? q : "<" + n.getURI() + ">";
        }
        return n.toString();
    }
}
