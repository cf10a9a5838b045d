package org.geokg.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.geokg.problem.Problems;

/**
 * Reads the cells of one row: checks each against what its column declares and turns it into a
 * value, reporting every problem at the row's file, line and the column's field. It knows cells,
 * not tables: which column means what is the mapping's business ({@link MappingEngine}).
 */
final class CellReader {
    /** The form of an id, {@code [A-Za-z][A-Za-z0-9_-]*}, as in messages; {@link #isSlug} checks it. */
    static final Pattern SLUG = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    final Row row;
    private final Problems problems;
    private int count;

    CellReader(Row row, Problems problems) {
        this.row = row;
        this.problems = problems;
    }

    void problem(String column, String message) {
        count++;
        problems.add(row.file(), row.line(), row.col(column), message);
    }

    /** Whether no problem was found in the row so far. */
    boolean ok() { return count == 0; }

    /** The cell, reported when blank although the column is required. */
    String cell(ColumnMapping c) {
        String v = row.get(c.name());
        if (v.isEmpty() && c.required()) problem(c.name(), "column '" + c.name() + "' is empty; expected a value");
        return v;
    }

    /** The cell split at the column's separator, blank parts dropped. */
    List<String> parts(ColumnMapping c, String cell) {
        String separator = c.separator();
        if (separator == null) return cell.isEmpty() ? List.of() : List.of(cell);
        List<String> out = new ArrayList<>();
        if (separator.isEmpty()) {   // between every character, as String.split has it
            for (String part : cell.split("")) if (!part.isBlank()) out.add(part.strip());
            return out;
        }
        // At each occurrence of the separator as written: no regular expression compiled per cell.
        int from = 0;
        while (true) {
            int at = cell.indexOf(separator, from);
            String part = at < 0 ? cell.substring(from) : cell.substring(from, at);
            if (!part.isBlank()) out.add(part.strip());
            if (at < 0) return out;
            from = at + separator.length();
        }
    }

    /** The row's identifier, or "" (reported) when it is not one. */
    String identifier(ColumnMapping c) {
        String v = cell(c);
        if (!v.isEmpty() && !(c.pattern() == null ? isSlug(v) : c.pattern().matcher(v).matches())) {
            problem(c.name(), "'" + v + "' is not a valid id; expected "
                    + (c.pattern() == null ? "letters, digits, - and _, starting with a letter" : "the form " + c.pattern()));
            return "";
        }
        return v;
    }

    /**
     * Whether {@code s} has the form {@link #SLUG}: a letter, then letters, digits, - and _ (ASCII).
     * Checked char by char, since every row has ids and references to check.
     */
    static boolean isSlug(String s) {
        if (s.isEmpty() || !isAsciiLetter(s.charAt(0))) return false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') return false;
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

    /** Whether the cell has the column's pattern, reporting the column's message when not. */
    boolean matches(ColumnMapping c, String v) {
        if (c.pattern() == null || c.pattern().matcher(v).matches()) return true;
        problem(c.name(), c.expected() == null ? "'" + v + "' does not have the form " + c.pattern()
                : c.expected().replace("{value}", v));
        return false;
    }

    String languageTag(ColumnMapping c, String v) {
        if (v.isEmpty() || LANGUAGE_TAG.matcher(v).matches()) return v;
        problem(c.name(), "'" + v + "' is not a language tag; expected a BCP 47 tag such as en");
        return null;
    }

    int positive(ColumnMapping c, String v) {
        if (v.isEmpty()) return 0;
        try {
            int n = Integer.parseInt(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problem(c.name(), "'" + v + "' is not a positive whole number; expected 1, 2, 3, ...");
        return 0;
    }

    Node number(ColumnMapping c, String v, XSDDatatype type, String expected) {
        if (v.isEmpty()) return null;
        if (type.isValid(v)) return NodeFactory.createLiteralDT(v, type);
        problem(c.name(), "'" + v + "' is not " + expected);
        return null;
    }

    TimeValue time(ColumnMapping c, String v) {
        if (v.isEmpty()) return null;
        try {
            return TimeValue.parse(v);
        } catch (IllegalArgumentException e) {
            problem(c.name(), "bad date in column '" + c.name() + "': " + e.getMessage());
            return null;
        }
    }

    /** A day written YYYYMMDD, as an xsd:date. */
    Node compactDate(ColumnMapping c, String v) {
        if (v.isEmpty()) return null;
        var m = COMPACT_DATE.matcher(v);
        try {
            if (m.matches()) {
                LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                return NodeFactory.createLiteralDT(d.toString(), XSDDatatype.XSDdate);
            }
        } catch (DateTimeException e) {
            // reported below
        }
        problem(c.name(), "'" + v + "' is not a date; expected YYYYMMDD, a real day");
        return null;
    }

    /** The cell as an absolute IRI (a URL). */
    Node url(ColumnMapping c, String v) {
        if (v.isEmpty()) return null;
        try {
            IRIx iri = IRIx.create(v);
            if (iri.isAbsolute()) return NodeFactory.createURI(iri.str());
        } catch (IRIException e) {
            // reported below
        }
        problem(c.name(), "'" + v + "' is not an absolute IRI; expected a URL such as https://example.org/page");
        return null;
    }

    /** The value of a datatype property: a literal its rdfs:range allows. */
    Node literal(ColumnMapping c, Node property, String raw, String language, List<RDFDatatype> types) {
        if (types.isEmpty()) return NodeFactory.createLiteralString(raw);
        List<String> names = new ArrayList<>();
        for (RDFDatatype dt : types) {
            if (dt == null) continue;
            String uri = dt.getURI();
            if (uri.equals(org.apache.jena.vocabulary.RDF.langString.getURI())) return NodeFactory.createLiteralLang(raw, language);
            if (uri.equals(XSDDatatype.XSDstring.getURI()) || uri.equals(org.apache.jena.vocabulary.RDFS.Literal.getURI()))
                return NodeFactory.createLiteralString(raw);
            if (dt.isValid(raw)) {
                if (isTemporal(dt)) {
                    try {
                        TimeValue.parse(raw);
                    } catch (IllegalArgumentException e) {
                        problem(c.name(), "bad date: " + e.getMessage());
                        return null;
                    }
                }
                return NodeFactory.createLiteralDT(raw, dt);
            }
            names.add(dt.getURI().replace("http://www.w3.org/2001/XMLSchema#", "xsd:"));
        }
        problem(c.name(), "'" + raw + "' is not a valid value of " + property.getLocalName() + "; expected "
                + String.join(" or ", names));
        return null;
    }

    private static boolean isTemporal(RDFDatatype dt) {
        return dt.equals(XSDDatatype.XSDdate) || dt.equals(XSDDatatype.XSDgYear) || dt.equals(XSDDatatype.XSDgYearMonth);
    }
}
