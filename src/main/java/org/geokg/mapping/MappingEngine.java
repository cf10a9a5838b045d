package org.geokg.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.geokg.ontology.Ontology;
import org.geokg.ontology.Vocab;
import org.geokg.problem.Problems;

/**
 * The one mapping engine: turns a row into quads as its table's {@link TableMapping} declares.
 * Every row is checked whole and all its problems are reported; the row is written only when it
 * has none. A row's identifier is recorded ({@code kg:definedAt}) even when the row has problems,
 * so one mistake does not cascade into "unknown reference" errors elsewhere.
 *
 * <p>Rules about the graph (which modality needs which qualifier, cardinalities) are not here:
 * they are the SHACL shapes, checked after the load. The engine knows cells and templates only;
 * no table, column or domain term is named in it.
 */
public final class MappingEngine {
    private final Ontology ontology;
    private final Definitions definitions;
    private final QuadSink sink;
    private final Problems problems;
    private final SourceTexts sources;
    /** Lookups by code (a CAMEO country code): few distinct codes, so kept. */
    private final Map<Node, Map<String, Node>> lookups = new HashMap<>();
    /** What each mapping's rows need looked up, found once per mapping rather than once per row. */
    private final Map<TableMapping, Plan> plans = new IdentityHashMap<>();

    /**
     * @param definitions answers which identifiers earlier rows defined (the data written so far)
     * @param sink        where the quads go, e.g. the ontology's materialiser in front of the store
     * @param articlesDir where the sources' text files are
     * @param warnings    collects what could not be checked (an absent article text)
     */
    public MappingEngine(Ontology ontology, Definitions definitions, QuadSink sink, Problems problems,
                         java.nio.file.Path articlesDir, List<String> warnings) {
        this.ontology = ontology;
        this.definitions = definitions;
        this.sink = sink;
        this.problems = problems;
        this.sources = new SourceTexts(articlesDir, warnings);
    }

    /**
     * A mapping's columns by name, and whether it has an identifier column: what every row of it
     * asks, answered once.
     */
    private static final class Plan {
        final Map<String, Integer> index = new HashMap<>();
        final String idColumn;
        final boolean[] dependent;

        Plan(TableMapping mapping) {
            List<ColumnMapping> columns = mapping.columns();
            String id = null;
            dependent = new boolean[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                ColumnMapping c = columns.get(i);
                index.putIfAbsent(c.name(), i);   // the first of that name, as a scan from the left finds
                if (id == null && c.cell() == ColumnMapping.Cell.IDENTIFIER) id = c.name();
                dependent[i] = dependent(c);
            }
            idColumn = id;
        }

        /** The position of the column named {@code name}, or -1. */
        int index(String name) {
            Integer i = name == null ? null : index.get(name);
            return i == null ? -1 : i;
        }
    }

    /** The values of one row's cells, by column position, while it is being mapped. */
    private static final class Cells {
        final Plan plan;
        final Object[] values;    // List<Node>, plus TimeValue / Integer / String for dependents
        final Node[] nodes;

        Cells(Plan plan, int size) {
            this.plan = plan;
            this.values = new Object[size];
            this.nodes = new Node[size];
        }

        Node node(String name) {
            int i = plan.index(name);
            return i < 0 ? null : nodes[i];
        }

        Object value(String name) {
            int i = plan.index(name);
            return i < 0 ? null : values[i];
        }
    }

    /** Maps one row of a table of {@code mapping}'s kind. */
    /**
     * After the last row: says how many quotes of each source without its article went unchecked
     * (a warning; with {@code strict}, a problem at that source's row).
     */
    public void finish(boolean strict) {
        sources.reportUnchecked(problems, strict);
    }

    public void map(TableMapping mapping, Row row) {
        CellReader r = new CellReader(row, problems);
        List<ColumnMapping> columns = mapping.columns();
        Plan plan = plans.computeIfAbsent(mapping, Plan::new);
        Cells cells = new Cells(plan, columns.size());
        List<List<Node>> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) out.add(List.of());

        Node subject = null;
        for (ColumnMapping c : columns)
            if (c.cell() == ColumnMapping.Cell.IDENTIFIER) {
                String id = r.identifier(c);
                if (!id.isEmpty()) subject = iri(mapping.rowIri().expand(row::get));
                if (subject != null && !register(mapping, r, c, subject)) return;
            }

        boolean assertsStatedTriple = false;
        String language = null;
        Articles article = null;
        // Cells that depend on no other cell first, then the ones that read others' values.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < columns.size(); i++) {
                ColumnMapping c = columns.get(i);
                if (plan.dependent[i] != (pass == 1) || c.cell() == ColumnMapping.Cell.IDENTIFIER) continue;
                String v = r.cell(c);
                List<Node> nodes = switch (c.cell()) {
                    case IDENTIFIER -> List.of();
                    case TEXT -> text(r, c, v);
                    case LANGUAGE_TAG -> {
                        language = r.languageTag(c, v);
                        yield v.isEmpty() || language == null ? List.of() : List.of(NodeFactory.createLiteralString(v));
                    }
                    case DATE -> {
                        TimeValue t = r.time(c, v);
                        cells.values[i] = t;
                        if (t != null && c.notBefore() != null && cells.value(c.notBefore()) instanceof TimeValue before
                                && before.after(t))
                            r.problem(c.name(), c.name() + " " + t.lexical() + " is before " + c.notBefore() + " "
                                    + before.lexical() + "; expected " + c.name() + " after " + c.notBefore());
                        yield t == null ? List.of() : List.of(t.literal());
                    }
                    case COMPACT_DATE -> {
                        Node day = r.compactDate(c, v);
                        if (day != null) cells.values[i] = TimeValue.parse(day.getLiteralLexicalForm());
                        yield single(day);
                    }
                    case POSITIVE_INTEGER -> {
                        int n = r.positive(c, v);
                        cells.values[i] = n;
                        yield n > 0 ? List.of(NodeFactory.createLiteralDT(Integer.toString(n), XSDDatatype.XSDinteger)) : List.of();
                    }
                    case INTEGER -> single(r.number(c, v, XSDDatatype.XSDinteger, "a whole number; expected digits such as 12"));
                    case DECIMAL -> single(r.number(c, v, XSDDatatype.XSDdecimal, "a decimal number; expected digits such as -3.5"));
                    case IRI -> {
                        List<Node> l = new ArrayList<>();
                        for (String part : r.parts(c, v))
                            if (r.matches(c, part)) l.add(iri(c.iri().expand(col -> col.equals(c.name()) ? part : row.get(col))));
                        yield l;
                    }
                    case URL -> single(r.url(c, v));
                    case REFERENCE -> single(reference(r, c, v, c.iri(), c.refersTo()));
                    case ONTOLOGY_CLASS -> {
                        List<Node> l = new ArrayList<>();
                        for (String part : r.parts(c, v)) {
                            Node cls = iri(c.iri().expand(col -> part));
                            if (ontology.isClass(cls)) l.add(cls);
                            else r.problem(c.name(), "'" + part + "' is not a class of the ontology; expected a kg: class local name"
                                    + example(c));
                        }
                        yield l;
                    }
                    case ONTOLOGY_PROPERTY -> {
                        if (v.isEmpty()) yield List.of();
                        Node p = iri(c.iri().expand(col -> v));
                        if (ontology.kind(p) != null) yield List.of(p);
                        r.problem(c.name(), "'" + v + "' is not a property of the ontology; expected a kg: object or datatype property local name"
                                + example(c));
                        yield List.of();
                    }
                    case PROPERTY_VALUE -> single(propertyValue(r, c, v, cells));
                    case TERM -> {
                        if (v.isEmpty()) yield List.of();
                        ColumnMapping.Term t = c.terms().get(v.toLowerCase(java.util.Locale.ROOT));
                        if (t == null) {
                            r.problem(c.name(), "'" + v + "' is not a " + c.name().replace('_', ' ') + "; expected one of "
                                    + String.join(", ", c.words()));
                            yield List.of();
                        }
                        assertsStatedTriple |= t.assertsStatedTriple();
                        yield List.of(t.means());
                    }
                    case ARTICLE_FILE -> {
                        String sha = c.hashColumn() == null ? null : row.get(c.hashColumn());
                        ColumnMapping hash = c.hashColumn() == null ? null : mapping.column(c.hashColumn());
                        if (hash != null && hash.pattern() != null && !hash.pattern().matcher(sha).matches()) sha = null;
                        article = sources.read(r, c, v, sha, plan.idColumn == null ? "" : row.get(plan.idColumn));
                        yield v.isEmpty() ? List.of() : List.of(NodeFactory.createLiteralString(v));
                    }
                    case QUOTE -> {
                        Node source = cells.node(c.sourceColumn());
                        int paraAt = plan.index(c.paragraphColumn());
                        ColumnMapping para = paraAt < 0 ? null : columns.get(paraAt);
                        int paragraph = cells.value(c.paragraphColumn()) instanceof Integer n ? n : 0;
                        SourceTexts.Source text = source == null ? null : sources.get(source);
                        QuoteCheck.check(r, c, v, row.get(c.sourceColumn()), text, para, paragraph);
                        if (c.annotation() != null && text != null && text.article() != null && paragraph > 0 && !v.isEmpty())
                            cells.values[i] = text.article().span(paragraph, v, c.annotation().context());
                        if (!v.isEmpty() && (text == null || text.article() == null)) sources.unchecked(row.get(c.sourceColumn()));
                        yield v.isEmpty() ? List.of() : List.of(NodeFactory.createLiteralString(v));
                    }
                    case LOOKUP -> single(lookup(c, v));
                };
                if (c.unique() && c.property() != null)
                    for (Node n : nodes) {
                        Node holder = definitions.subjectWith(c.property(), n);
                        if (holder != null)
                            r.problem(c.name(), "'" + v + "' is already given to " + holder.getURI()
                                    + "; expected each " + c.name() + " once");
                    }
                out.set(i, nodes);
                cells.nodes[i] = nodes.isEmpty() ? null : nodes.get(0);
            }
        }
        // A table without an identifier column describes nodes other tables define (its rowIri reads
        // reference columns, checked above): it adds to them and defines nothing.
        if (subject == null && r.ok() && plan.idColumn == null)
            subject = iri(mapping.rowIri().expand(row::get));
        if (subject == null || !r.ok()) return;

        Node g = graph(mapping, row);
        for (Node cls : mapping.rowClasses()) emit(g, subject, RDF.type.asNode(), cls);
        for (TableMapping.Constant k : mapping.constants()) emit(g, subject, k.property(), k.value());
        for (int i = 0; i < columns.size(); i++) {
            Node p = columns.get(i).property();
            if (p != null) for (Node o : out.get(i)) emit(g, subject, p, o);
        }
        for (TableMapping.Precision precision : mapping.precisions())
            for (String col : precision.columns())
                if (cells.value(col) instanceof TimeValue t) {
                    emit(g, subject, precision.property(), precision.of(t.precision()));
                    break;
                }
        for (int i = 0; i < columns.size(); i++)
            if (columns.get(i).annotation() != null && cells.values[i] instanceof Articles.Span span)
                WebAnnotation.emit(columns.get(i).annotation(), span, subject,
                        cells.node(columns.get(i).sourceColumn()), row, sink::add, g);
        TableMapping.StatedTriple stated = mapping.statedTriple();
        if (assertsStatedTriple && stated != null)
            emit(g, cells.node(stated.subjectColumn()), cells.node(stated.predicateColumn()), cells.node(stated.objectColumn()));
        if (language != null || article != null) sources.put(subject, language, article);
    }

    private static boolean dependent(ColumnMapping c) {
        return switch (c.cell()) {
            case PROPERTY_VALUE, QUOTE -> true;
            case DATE -> c.notBefore() != null;
            default -> false;
        };
    }

    private List<Node> text(CellReader r, ColumnMapping c, String v) {
        List<Node> l = new ArrayList<>();
        String lang = c.languageColumn() != null ? r.row.get(c.languageColumn()) : c.language();
        for (String part : r.parts(c, v)) {
            if (!r.matches(c, part)) continue;
            l.add(lang == null || lang.isEmpty() ? NodeFactory.createLiteralString(part) : NodeFactory.createLiteralLang(part, lang));
        }
        return l;
    }

    /** A reference to a node defined by an earlier row, reported when unknown. */
    private Node reference(CellReader r, ColumnMapping c, String id, IriTemplate template, String what) {
        if (id.isEmpty()) return null;
        if (!CellReader.isSlug(id)) {
            r.problem(c.name(), "'" + id + "' is not a valid id; expected the id of " + what);
            return null;
        }
        if (!r.matches(c, id)) return null;
        Node n = iri(template.expand(col -> id));
        if (definitions.definedAt(n) == null) {
            r.problem(c.name(), "unknown reference '" + id + "'; expected the id of " + what
                    + (c.definedIn() == null ? "" : " defined in a " + c.definedIn() + " table"));
            return null;
        }
        return n;
    }

    /** The value of the property another column names: by the property's kind and range. */
    private Node propertyValue(CellReader r, ColumnMapping c, String raw, Cells cells) {
        Node property = cells.node(c.propertyColumn());
        if (property == null || raw.isEmpty()) return null;
        if (ontology.kind(property) == Ontology.PropertyKind.OBJECT) {
            if (c.individualMarker() != null && raw.startsWith(c.individualMarker())) {
                String local = raw.substring(c.individualMarker().length());
                Node ind = iri(c.individualIri().expand(col -> local));
                if (!ontology.isIndividual(ind)) {
                    r.problem(c.name(), "'" + raw + "' is not an individual of the ontology; expected a "
                            + c.individualMarker() + " individual" + example(c) + ", or an entity id");
                    return null;
                }
                return ind;
            }
            return reference(r, c, raw, c.iri(), c.refersTo());
        }
        SourceTexts.Source source = sources.get(cells.node(c.sourceColumn()));
        return r.literal(c, property, raw, source == null ? "und" : source.language(), ontology.datatypesOf(property));
    }

    /** The node whose {@code lookupProperty} is the code, or null when the data has none. */
    private Node lookup(ColumnMapping c, String code) {
        if (code.isEmpty()) return null;
        return lookups.computeIfAbsent(c.lookupProperty(), k -> new HashMap<>())
                .computeIfAbsent(code, k -> definitions.subjectWith(c.lookupProperty(), NodeFactory.createLiteralString(k)));
    }

    /** Records where {@code node} is defined; reports a duplicate id (and returns false) instead. */
    private boolean register(TableMapping m, CellReader r, ColumnMapping id, Node node) {
        String earlier = definitions.definedAt(node);
        if (earlier != null) {
            r.problem(id.name(), "duplicate id '" + r.row.get(id.name()) + "', already defined at " + earlier
                    + "; expected each id once");
            return false;
        }
        // The origin is stored even for a faulty row: later rows may refer to it, and SHACL
        // results are traced back to the CSV line through it.
        sink.add(Quad.create(graph(m, r.row), node, Vocab.DEFINED_AT, NodeFactory.createLiteralString(r.row.origin())));
        return true;
    }

    private Node graph(TableMapping m, Row row) { return iri(m.graph().expand(row::get)); }

    private static String example(ColumnMapping c) { return c.example() == null ? "" : " such as " + c.example(); }

    private static List<Node> single(Node n) { return n == null ? List.of() : List.of(n); }

    /**
     * A node for an IRI. Not kept for the next row: a look-up in a map of thousands of IRIs costs
     * more than the small object it would save.
     */
    private static Node iri(String s) { return NodeFactory.createURI(s); }

    private void emit(Node g, Node s, Node p, Node o) { sink.add(Quad.create(g, s, p, o)); }
}
