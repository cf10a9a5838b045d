package org.geokg.mapping;

import java.util.function.Consumer;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;

/**
 * Writes a quote's evidence in the W3C Web Annotation model (https://www.w3.org/TR/annotation-model/),
 * as a mapping's {@code kgm:annotation} asks: the annotation's body is the row's node (the claim or the
 * entity), its target the source, selected twice, by the quoted text and by its position:
 * <pre>
 *   ROW  PROPERTY  ANN .
 *   ANN  a oa:Annotation ; oa:hasBody ROW ; oa:hasTarget ANN#target .
 *   ANN#target  a oa:SpecificResource ; oa:hasSource SOURCE ; oa:hasSelector ANN#quote , ANN#position .
 *   ANN#quote     a oa:TextQuoteSelector ; oa:exact "..." ; oa:prefix "..." ; oa:suffix "..." .
 *   ANN#position  a oa:TextPositionSelector ; oa:start 1234 ; oa:end 1301 .
 * </pre>
 * The offsets count Unicode code points from the start of the article file, end exclusive, as the
 * model's TextPositionSelector does; a client highlights the evidence by slicing the text there.
 */
final class WebAnnotation {
    private WebAnnotation() {}

    static final String OA = "http://www.w3.org/ns/oa#";
    private static final Node ANNOTATION = oa("Annotation"), HAS_BODY = oa("hasBody"), HAS_TARGET = oa("hasTarget"),
            SPECIFIC_RESOURCE = oa("SpecificResource"), HAS_SOURCE = oa("hasSource"), HAS_SELECTOR = oa("hasSelector"),
            QUOTE_SELECTOR = oa("TextQuoteSelector"), EXACT = oa("exact"), PREFIX = oa("prefix"), SUFFIX = oa("suffix"),
            POSITION_SELECTOR = oa("TextPositionSelector"), START = oa("start"), END = oa("end");

    private static Node oa(String local) { return NodeFactory.createURI(OA + local); }

    static void emit(ColumnMapping.Annotation a, Articles.Span span, Node row, Node source, Row cells,
                     Consumer<Quad> sink, Node graph) {
        if (row == null || source == null) return;
        String iri = a.iri().expand(cells::get);
        Node ann = NodeFactory.createURI(iri), target = NodeFactory.createURI(iri + "#target"),
                quote = NodeFactory.createURI(iri + "#quote"), position = NodeFactory.createURI(iri + "#position");
        Node type = RDF.type.asNode();
        sink.accept(Quad.create(graph, row, a.property(), ann));
        sink.accept(Quad.create(graph, ann, type, ANNOTATION));
        sink.accept(Quad.create(graph, ann, HAS_BODY, row));
        sink.accept(Quad.create(graph, ann, HAS_TARGET, target));
        sink.accept(Quad.create(graph, target, type, SPECIFIC_RESOURCE));
        sink.accept(Quad.create(graph, target, HAS_SOURCE, source));
        sink.accept(Quad.create(graph, target, HAS_SELECTOR, quote));
        sink.accept(Quad.create(graph, target, HAS_SELECTOR, position));
        sink.accept(Quad.create(graph, quote, type, QUOTE_SELECTOR));
        sink.accept(Quad.create(graph, quote, EXACT, NodeFactory.createLiteralString(span.exact())));
        sink.accept(Quad.create(graph, quote, PREFIX, NodeFactory.createLiteralString(span.prefix())));
        sink.accept(Quad.create(graph, quote, SUFFIX, NodeFactory.createLiteralString(span.suffix())));
        sink.accept(Quad.create(graph, position, type, POSITION_SELECTOR));
        sink.accept(Quad.create(graph, position, START, offset(span.start())));
        sink.accept(Quad.create(graph, position, END, offset(span.end())));
    }

    private static Node offset(int codePoints) {
        return NodeFactory.createLiteralDT(Integer.toString(codePoints), XSDDatatype.XSDnonNegativeInteger);
    }
}
