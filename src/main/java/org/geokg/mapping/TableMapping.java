package org.geokg.mapping;

import java.util.List;

import org.apache.jena.graph.Node;

/**
 * How the rows of one kind of table become RDF, as one mapping file declares it
 * (mappings/README.md). Run by {@link MappingEngine}.
 *
 * @param name       the table kind ("statements"), as in messages
 * @param file       the mapping file, as users see it
 * @param loadOrder  tables load in this order, so a row may refer to rows of earlier tables
 * @param format     how the table's file is laid out
 * @param rowIri     the IRI of the node a row describes
 * @param graph      the named graph a row's quads go to
 * @param rowClasses classes every row's node gets
 * @param columns    the columns, in the order of the documentation
 * @param precisions the time-precision rules (none, one, or one per date column)
 * @param statedTriple the plain triple a row asserts when a term says so, or null
 * @param constants  (property, value) pairs every row's node gets, like R2RML's {@code rr:constant}
 */
public record TableMapping(String name, String file, int loadOrder, Format format, IriTemplate rowIri,
                           IriTemplate graph, List<Node> rowClasses, List<ColumnMapping> columns,
                           List<Precision> precisions, StatedTriple statedTriple, List<Constant> constants) {

    /** A property and value every row's node gets. */
    public record Constant(Node property, Node value) {}

    /**
     * The layout of a table's file. With {@code headerRow} the first row names the columns and
     * the file is found by its header among the CSV files under data/; without, {@code fieldNames}
     * names them in order and {@code inputFile} (relative to the project home) is the file.
     */
    public record Format(char delimiter, boolean quoted, boolean headerRow, List<String> fieldNames, String inputFile) {}

    /** {@code property} is the precision of the first date among {@code columns} that is given. */
    public record Precision(Node property, List<String> columns, Node year, Node month, Node day) {
        public Node of(TimeValue.Precision p) {
            return switch (p) {
                case YEAR -> year;
                case MONTH -> month;
                case DAY -> day;
            };
        }
    }

    /** The triple whose subject, predicate and object are the values of these columns. */
    public record StatedTriple(String subjectColumn, String predicateColumn, String objectColumn) {}

    public List<String> required() { return columns.stream().filter(ColumnMapping::required).map(ColumnMapping::name).toList(); }

    public List<String> optional() { return columns.stream().filter(c -> !c.required()).map(ColumnMapping::name).toList(); }

    public ColumnMapping column(String name) {
        for (ColumnMapping c : columns) if (c.name().equals(name)) return c;
        return null;
    }
}
