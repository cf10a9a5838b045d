package org.geokg.mapping;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;

/**
 * How one column of a table becomes RDF, as a mapping file declares it (mappings/README.md):
 * the kind of cell it holds, how the cell is checked, and which property of the row's node its
 * value becomes. Fields a kind does not use are null.
 *
 * @param name       the column's name in the header (or in {@code kgm:fieldNames})
 * @param required   whether a blank cell is a problem
 * @param cell       what the cell holds, and so how it is checked and turned into a node
 * @param property   the property the value is written with, on the row's node; null to write nothing
 * @param iri        for cells that become IRIs: the template, with {@code {name}} for the cell
 * @param language   a fixed language tag for text cells
 * @param languageColumn the column whose cell is the language tag of this text cell
 * @param separator  several values in one cell, split at this text
 * @param pattern    the form the cell must have
 * @param expected   the problem message when the cell does not match {@code pattern}; {@code {value}} is the cell
 * @param example    an example value, for messages
 * @param refersTo   for references: what the cell must name ("an entity"), for messages
 * @param definedIn  for references: the table defining what is referred to, for messages
 * @param terms      for {@link Cell#TERM}: the words allowed, lower case, and what each means
 * @param notBefore  a date column this date may not lie before
 * @param maxWords   for quotes: the most words allowed (0: no limit)
 * @param sourceColumn    for quotes and property values: the column referring to the source
 * @param paragraphColumn for quotes: the column with the paragraph number
 * @param propertyColumn  for property values: the column naming the property
 * @param individualMarker for property values: the prefix marking an ontology individual ("kg:")
 * @param individualIri    for property values: the IRI template of an individual
 * @param hashColumn for article files: the column with the SHA-256 the text must have
 * @param lookupProperty for lookups: the property whose value is the cell (as a string)
 * @param unique     no node may already have this column's value for {@code property}
 * @param annotation for quotes: the W3C Web Annotation to write for the quote, or null
 */
public record ColumnMapping(String name, boolean required, Cell cell, Node property, IriTemplate iri,
                            String language, String languageColumn, String separator, Pattern pattern,
                            String expected, String example, String refersTo, String definedIn,
                            Map<String, Term> terms, String notBefore, int maxWords, String sourceColumn,
                            String paragraphColumn, String propertyColumn, String individualMarker,
                            IriTemplate individualIri, String hashColumn, Node lookupProperty,
                            boolean unique, Annotation annotation) {

    /**
     * A quote's evidence as a W3C Web Annotation (oa:): an annotation at {@code iri} (a template of the
     * row's columns), linked from the row's node by {@code property}, whose target is the source with a
     * TextQuoteSelector (exact, prefix and suffix of {@code context} characters) and a
     * TextPositionSelector (start, end: code-point offsets into the article file).
     */
    public record Annotation(IriTemplate iri, Node property, int context) {}

    /** What a cell holds. Each kind is one term of the mapping vocabulary (mappings/README.md). */
    public enum Cell {
        /** The row's own identifier: a slug (or {@code pattern}); the row's IRI is made from it. */
        IDENTIFIER("Identifier"),
        /** Text, as a plain string or with a language tag. */
        TEXT("Text"),
        /** A BCP 47 language tag, stored as a string. */
        LANGUAGE_TAG("LanguageTag"),
        /** A date at the precision written: YYYY, YYYY-MM or YYYY-MM-DD. */
        DATE("Date"),
        /** A day written YYYYMMDD (as GDELT does), stored as xsd:date. */
        COMPACT_DATE("CompactDate"),
        /** 1, 2, 3, ... as xsd:integer. */
        POSITIVE_INTEGER("PositiveInteger"),
        /** A whole number as xsd:integer. */
        INTEGER("Integer"),
        /** A decimal number as xsd:decimal. */
        DECIMAL("Decimal"),
        /** An IRI made from the cell by {@code iri}, the cell checked against {@code pattern}. */
        IRI("Iri"),
        /** The cell as an IRI itself (a URL), checked to be an absolute IRI. */
        URL("Url"),
        /** The id of a node an earlier row defined; the IRI made by {@code iri}. */
        REFERENCE("Reference"),
        /** A class of the ontology, by its local name. */
        ONTOLOGY_CLASS("OntologyClass"),
        /** A property of the ontology, by its local name. */
        ONTOLOGY_PROPERTY("OntologyProperty"),
        /** The value of the property another column names: an entity, an individual or a literal of its range. */
        PROPERTY_VALUE("PropertyValue"),
        /** One of a fixed list of words, each meaning a term ({@code kgm:term}). */
        TERM("Term"),
        /** The file name of an article's text, checked against its SHA-256. */
        ARTICLE_FILE("ArticleFile"),
        /** A verbatim quote of a paragraph of the source's article. */
        QUOTE("Quote"),
        /** A code, looked up as the value of {@code lookupProperty} of a node the data defines. */
        LOOKUP("Lookup");

        public final String localName;

        Cell(String localName) { this.localName = localName; }
    }

    /** A word of a {@link Cell#TERM} column and the term it means. */
    public record Term(String word, Node means, boolean assertsStatedTriple) {}

    /** The words of a term column, sorted, for messages. */
    public List<String> words() { return terms.keySet().stream().sorted().toList(); }
}
