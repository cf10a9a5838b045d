package org.geokg.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.geokg.problem.Problems;

/**
 * Reads mapping files (Turtle, in the small {@code kgm:} vocabulary of mappings/README.md) into
 * {@link TableMapping}s. A mistake in a mapping (an unknown term, a missing setting) is reported
 * like any other input problem, at the mapping file.
 */
public final class MappingFiles {
    public static final String NS = "https://w3id.org/geokg/mapping#";

    private static Node kgm(String local) { return NodeFactory.createURI(NS + local); }

    static final Node TABLE_MAPPING = kgm("TableMapping");
    static final Node LOAD_ORDER = kgm("loadOrder"), ROW_IRI = kgm("rowIri"), GRAPH = kgm("graph"),
            ROW_CLASS = kgm("rowClass"), COLUMNS = kgm("columns"), PRECISION = kgm("precision"),
            STATED_TRIPLE = kgm("statedTriple"), DELIMITER = kgm("delimiter"), QUOTED = kgm("quoted"),
            HEADER_ROW = kgm("headerRow"), FIELD_NAMES = kgm("fieldNames"), INPUT_FILE = kgm("inputFile"),
            NAME = kgm("name"), REQUIRED = kgm("required"), CELL = kgm("cell"), PROPERTY = kgm("property"),
            IRI = kgm("iri"), LANGUAGE = kgm("language"), LANGUAGE_COLUMN = kgm("languageColumn"),
            SEPARATOR = kgm("separator"), PATTERN = kgm("pattern"), EXPECTED = kgm("expected"),
            EXAMPLE = kgm("example"), REFERS_TO = kgm("refersTo"), DEFINED_IN = kgm("definedIn"),
            TERM = kgm("term"), WORD = kgm("word"), MEANS = kgm("means"),
            ASSERTS_STATED_TRIPLE = kgm("assertsStatedTriple"), NOT_BEFORE = kgm("notBefore"),
            MAX_WORDS = kgm("maxWords"), SOURCE_COLUMN = kgm("sourceColumn"),
            PARAGRAPH_COLUMN = kgm("paragraphColumn"), PROPERTY_COLUMN = kgm("propertyColumn"),
            INDIVIDUAL_MARKER = kgm("individualMarker"), INDIVIDUAL_IRI = kgm("individualIri"),
            HASH_COLUMN = kgm("hashColumn"), LOOKUP_PROPERTY = kgm("lookupProperty"),
            OF_COLUMNS = kgm("ofColumns"), YEAR = kgm("year"), MONTH = kgm("month"), DAY = kgm("day"),
            SUBJECT_COLUMN = kgm("subjectColumn"), PREDICATE_COLUMN = kgm("predicateColumn"),
            OBJECT_COLUMN = kgm("objectColumn"), CONSTANT = kgm("constant"), VALUE = kgm("value"),
            UNIQUE = kgm("unique"), ANNOTATION = kgm("annotation"), CONTEXT_LENGTH = kgm("contextLength");

    /** Every term of the vocabulary, so that a misspelt one is reported, not ignored. */
    private static final Set<Node> KNOWN = new HashSet<>(List.of(TABLE_MAPPING, LOAD_ORDER, ROW_IRI, GRAPH,
            ROW_CLASS, COLUMNS, PRECISION, STATED_TRIPLE, DELIMITER, QUOTED, HEADER_ROW, FIELD_NAMES, INPUT_FILE,
            NAME, REQUIRED, CELL, PROPERTY, IRI, LANGUAGE, LANGUAGE_COLUMN, SEPARATOR, PATTERN, EXPECTED, EXAMPLE,
            REFERS_TO, DEFINED_IN, TERM, WORD, MEANS, ASSERTS_STATED_TRIPLE, NOT_BEFORE, MAX_WORDS, SOURCE_COLUMN,
            PARAGRAPH_COLUMN, PROPERTY_COLUMN, INDIVIDUAL_MARKER, INDIVIDUAL_IRI, HASH_COLUMN, LOOKUP_PROPERTY,
            OF_COLUMNS, YEAR, MONTH, DAY, SUBJECT_COLUMN, PREDICATE_COLUMN, OBJECT_COLUMN, CONSTANT, VALUE, UNIQUE,
            ANNOTATION, CONTEXT_LENGTH));
    private static final Map<Node, ColumnMapping.Cell> CELLS = new LinkedHashMap<>();

    static {
        for (ColumnMapping.Cell c : ColumnMapping.Cell.values()) {
            CELLS.put(kgm(c.localName), c);
            KNOWN.add(kgm(c.localName));
        }
    }

    private final Problems problems;
    private String file;
    private Graph g;
    private long before;

    public MappingFiles(Problems problems) { this.problems = problems; }

    /** The table mappings a parsed mapping file declares, sorted by load order; problems reported. */
    public List<TableMapping> read(Graph graph, String fileName) {
        this.g = graph;
        this.file = fileName;
        List<TableMapping> out = new ArrayList<>();
        graph.find().forEach(t -> {
            for (Node n : List.of(t.getPredicate(), t.getObject()))
                if (n.isURI() && n.getURI().startsWith(NS) && !KNOWN.contains(n))
                    problem("unknown mapping term kgm:" + n.getURI().substring(NS.length())
                            + "; expected a term of the mapping vocabulary (mappings/README.md)");
        });
        for (Triple t : graph.find(Node.ANY, RDF.type.asNode(), TABLE_MAPPING).toList()) {
            before = problems.count();
            TableMapping m = table(t.getSubject());
            if (m != null && problems.count() == before) out.add(m);
        }
        out.sort(Comparator.comparingInt(TableMapping::loadOrder));
        return out;
    }

    private TableMapping table(Node m) {
        String name = string(m, RDFS.label.asNode(), true);
        if (name == null) return null;
        int order = integer(m, LOAD_ORDER, 100);
        List<String> fieldNames = strings(list(m, FIELD_NAMES));
        String delimiter = string(m, DELIMITER, false);
        Boolean header = bool(m, HEADER_ROW);
        Boolean quoted = bool(m, QUOTED);
        TableMapping.Format format = new TableMapping.Format(delimiter == null ? ',' : delimiter.charAt(0),
                quoted == null || quoted, header == null || header, fieldNames, string(m, INPUT_FILE, false));
        if (!format.headerRow() && (fieldNames.isEmpty() || format.inputFile() == null))
            problem("mapping '" + name + "' has no header row; expected kgm:fieldNames and kgm:inputFile");
        IriTemplate rowIri = template(m, ROW_IRI, true);
        IriTemplate graph = template(m, GRAPH, true);
        List<Node> rowClasses = g.find(m, ROW_CLASS, Node.ANY).mapWith(Triple::getObject).toList();
        List<ColumnMapping> columns = new ArrayList<>();
        for (Node c : list(m, COLUMNS)) {
            ColumnMapping cm = column(c);
            if (cm != null) columns.add(cm);
        }
        if (columns.isEmpty()) problem("mapping '" + name + "' has no kgm:columns; expected a list of columns");
        List<TableMapping.Precision> precisions = new ArrayList<>();
        for (Node p : g.find(m, PRECISION, Node.ANY).mapWith(Triple::getObject).toList())
            precisions.add(new TableMapping.Precision(object(p, PROPERTY), strings(list(p, OF_COLUMNS)),
                    object(p, YEAR), object(p, MONTH), object(p, DAY)));
        TableMapping.StatedTriple stated = null;
        Node s = object(m, STATED_TRIPLE);
        if (s != null)
            stated = new TableMapping.StatedTriple(string(s, SUBJECT_COLUMN, true), string(s, PREDICATE_COLUMN, true),
                    string(s, OBJECT_COLUMN, true));
        List<TableMapping.Constant> constants = new ArrayList<>();
        g.find(m, CONSTANT, Node.ANY).forEach(t -> {
            Node property = object(t.getObject(), PROPERTY), value = object(t.getObject(), VALUE);
            if (property == null || value == null) problem("kgm:constant needs kgm:property and kgm:value");
            else constants.add(new TableMapping.Constant(property, value));
        });
        if (rowIri != null && columns.stream().noneMatch(c -> c.cell() == ColumnMapping.Cell.IDENTIFIER))
            for (String col : rowIri.columns())
                if (columns.stream().noneMatch(c -> c.name().equals(col) && c.cell() == ColumnMapping.Cell.REFERENCE))
                    problem("mapping '" + name + "': kgm:rowIri uses '" + col + "', which is neither a kgm:Identifier "
                            + "nor a kgm:Reference column; expected the row's id or a reference to the node it describes");
        return new TableMapping(name, file, order, format, rowIri, graph, rowClasses, columns, precisions, stated, constants);
    }

    private ColumnMapping column(Node c) {
        String name = string(c, NAME, true);
        Node cellNode = object(c, CELL);
        ColumnMapping.Cell cell = cellNode == null ? ColumnMapping.Cell.TEXT : CELLS.get(cellNode);
        if (name == null || cell == null) return null;
        Map<String, ColumnMapping.Term> terms = new LinkedHashMap<>();
        g.find(c, TERM, Node.ANY).forEach(t -> {
            Node term = t.getObject();
            String word = string(term, WORD, true);
            Boolean asserts = bool(term, ASSERTS_STATED_TRIPLE);
            if (word != null)
                terms.put(word.toLowerCase(Locale.ROOT), new ColumnMapping.Term(word, object(term, MEANS), asserts != null && asserts));
        });
        if (cell == ColumnMapping.Cell.TERM && terms.isEmpty())
            problem("column '" + name + "' is a kgm:Term column without kgm:term; expected the words it allows");
        String patternText = string(c, PATTERN, false);
        Pattern pattern = null;
        if (patternText != null) {
            try {
                pattern = Pattern.compile(patternText);
            } catch (PatternSyntaxException e) {
                problem("column '" + name + "': bad kgm:pattern: " + e.getDescription());
            }
        }
        Boolean required = bool(c, REQUIRED);
        Boolean unique = bool(c, UNIQUE);
        return new ColumnMapping(name, required != null && required, cell, object(c, PROPERTY), template(c, IRI, false),
                string(c, LANGUAGE, false), string(c, LANGUAGE_COLUMN, false), string(c, SEPARATOR, false), pattern,
                string(c, EXPECTED, false), string(c, EXAMPLE, false), string(c, REFERS_TO, false),
                string(c, DEFINED_IN, false), terms, string(c, NOT_BEFORE, false), integer(c, MAX_WORDS, 0),
                string(c, SOURCE_COLUMN, false), string(c, PARAGRAPH_COLUMN, false), string(c, PROPERTY_COLUMN, false),
                string(c, INDIVIDUAL_MARKER, false), template(c, INDIVIDUAL_IRI, false), string(c, HASH_COLUMN, false),
                object(c, LOOKUP_PROPERTY), unique != null && unique, annotation(c, name));
    }

    private ColumnMapping.Annotation annotation(Node c, String column) {
        Node a = object(c, ANNOTATION);
        if (a == null) return null;
        IriTemplate iri = template(a, IRI, true);
        Node property = object(a, PROPERTY);
        if (property == null) problem("column '" + column + "': kgm:annotation needs kgm:property, the link from the row's node");
        return iri == null || property == null ? null : new ColumnMapping.Annotation(iri, property, integer(a, CONTEXT_LENGTH, 32));
    }

    // ------------------------------------------------------------ reading the graph

    private void problem(String message) { problems.add(file, 0, 0, message); }

    private Node object(Node s, Node p) {
        var it = g.find(s, p, Node.ANY);
        try {
            return it.hasNext() ? it.next().getObject() : null;
        } finally {
            it.close();
        }
    }

    private String string(Node s, Node p, boolean required) {
        Node o = object(s, p);
        if (o == null) {
            if (required) problem("missing kgm:" + p.getLocalName() + "; expected a string");
            return null;
        }
        if (!o.isLiteral()) {
            problem("kgm:" + p.getLocalName() + " is " + o + "; expected a string");
            return null;
        }
        return o.getLiteralLexicalForm();
    }

    private IriTemplate template(Node s, Node p, boolean required) {
        String t = string(s, p, required);
        if (t == null) return null;
        try {
            return new IriTemplate(t);
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return null;
        }
    }

    private Boolean bool(Node s, Node p) {
        Node o = object(s, p);
        return o == null ? null : Boolean.valueOf(o.getLiteralLexicalForm());
    }

    private int integer(Node s, Node p, int absent) {
        Node o = object(s, p);
        if (o == null) return absent;
        try {
            return Integer.parseInt(o.getLiteralLexicalForm());
        } catch (RuntimeException e) {
            problem("kgm:" + p.getLocalName() + " is " + o + "; expected a whole number");
            return absent;
        }
    }

    private List<Node> list(Node s, Node p) {
        List<Node> out = new ArrayList<>();
        for (Node cell = object(s, p); cell != null && !cell.equals(RDF.nil.asNode()); cell = object(cell, RDF.rest.asNode())) {
            Node first = object(cell, RDF.first.asNode());
            if (first == null) {
                problem("kgm:" + p.getLocalName() + " is not an RDF list; expected ( ... )");
                break;
            }
            out.add(first);
        }
        return out;
    }

    private static List<String> strings(List<Node> nodes) {
        return nodes.stream().filter(Node::isLiteral).map(Node::getLiteralLexicalForm).toList();
    }
}
