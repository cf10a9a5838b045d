package org.geokg.ontology;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The few IRIs the code itself relies on: the ontology's namespace and graph, and
 * {@code kg:definedAt}, through which every problem is traced back to its CSV row. Everything else
 * (IRI templates, the statement model, the properties columns become) is declared in the table
 * mappings (mappings/*.ttl), with the data's prefixes; domain terms come from the ontology.
 */
public final class Vocab {
    private Vocab() {}

    public static final String BASE = "https://w3id.org/geokg/";
    public static final String KG = BASE + "ontology#";
    public static final String ONTOLOGY_IRI = BASE + "ontology";
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";

    /** The named graph of the ontology (kg.ttl, cameo.ttl). */
    public static final Node ONTOLOGY_GRAPH = iri(BASE + "graph/ontology");
    /** Where a node was defined: "data/x.csv:12". */
    public static final Node DEFINED_AT = iri(KG + "definedAt");

    public static Node iri(String iri) { return NodeFactory.createURI(iri); }
}
