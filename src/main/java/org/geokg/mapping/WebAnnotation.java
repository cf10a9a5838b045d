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
        Consumer<Node[]> q = t -> sink.accept(Quad.create(graph, t[0], t[1], t[2]));
        q.accept(new Node[] {row, a.property(), ann});
        q.accept(new Node[] {ann, RDF.type.asNode(), ANNOTATION});
        q.accept(new Node[] {ann, HAS_BODY, row});
        q.accept(new Node[] {ann, HAS_TARGET, target});
        q.accept(new Node[] {target, RDF.type.asNode(), SPECIFIC_RESOURCE});
        q.accept(new Node[] {target, HAS_SOURCE, source});
        q.accept(new Node[] {target, HAS_SELECTOR, quote});
        q.accept(new Node[] {target, HAS_SELECTOR, position});
        q.accept(new Node[] {quote, RDF.type.asNode(), QUOTE_SELECTOR});
        q.accept(new Node[] {quote, EXACT, NodeFactory.createLiteralString(span.exact())});
        q.accept(new Node[] {quote, PREFIX, NodeFactory.createLiteralString(span.prefix())});
        q.accept(new Node[] {quote, SUFFIX, NodeFactory.createLiteralString(span.suffix())});
        q.accept(new Node[] {position, RDF.type.asNode(), POSITION_SELECTOR});
        q.accept(new Node[] {position, START, NodeFactory.createLiteralDT(Integer.toString(span.start()), XSDDatatype.XSDnonNegativeInteger)});
        q.accept(new Node[] {position, END, NodeFactory.createLiteralDT(Integer.toString(span.end()), XSDDatatype.XSDnonNegativeInteger)});
    }
}
