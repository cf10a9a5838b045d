package org.geokg.pages;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The IRIs the pages read: the project's namespaces and the statement model as the README's "The
 * model" and mappings/statements.ttl write it (claims with their modality, qualifiers and reference).
 * The pages show the model, so they name its terms; domain terms (kg:participant) never appear here:
 * they are shown by their labels from the ontology.
 */
final class Terms {
    private Terms() {}

    static final String BASE = "https://w3id.org/geokg/";
    static final String KG = BASE + "ontology#";
    static final String ONTOLOGY_IRI = BASE + "ontology";
    static final String RESOURCE = BASE + "resource/";
    static final String STATEMENT = BASE + "statement/";
    static final String SOURCE = BASE + "source/";
    static final String GRAPH = BASE + "graph/";
    static final String WIKIDATA_ENTITY = "http://www.wikidata.org/entity/";
    static final String PROV = "http://www.w3.org/ns/prov#";
    static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    static final String DCTERMS = "http://purl.org/dc/terms/";

    static final Node ONTOLOGY_GRAPH = iri(GRAPH + "ontology");

    static Node kg(String local) { return iri(KG + local); }
    static Node entity(String id) { return iri(RESOURCE + id); }
    static Node statement(String id) { return iri(STATEMENT + id); }
    static Node source(String id) { return iri(SOURCE + id); }
    static Node sourceGraph(String sourceId) { return iri(GRAPH + sourceId); }
    static Node iri(String iri) { return NodeFactory.createURI(iri); }

    // The statement model
    static final Node CLAIM = kg("Claim");
    static final Node SOURCE_CLASS = kg("Source");
    static final Node MODALITY = kg("modality");
    static final Node ATTRIBUTED_TO = kg("attributedTo");
    static final Node LIKELIHOOD = kg("likelihood");
    static final Node SCENARIO = kg("scenario");
    static final Node STEP = kg("step");
    static final Node POINT_IN_TIME = kg("pointInTime");
    static final Node START_TIME = kg("startTime");
    static final Node END_TIME = kg("endTime");
    static final Node EARLIEST_TIME = kg("earliestTime");
    static final Node LATEST_TIME = kg("latestTime");
    static final Node TIME_PRECISION = kg("timePrecision");
    static final Node SOURCE_PROP = kg("source");
    static final Node PARAGRAPH = kg("paragraph");
    static final Node QUOTE = kg("quote");
    static final Node CURATOR_NOTE = kg("curatorNote");
    static final Node DEFINED_AT = kg("definedAt");
    static final Node PUBLISHED = kg("published");
    static final Node SHA256 = kg("sha256");
    static final Node SOURCE_FILE = kg("sourceFile");

    static final Node ALT_LABEL = iri(SKOS + "altLabel");
    static final Node TITLE = iri(DCTERMS + "title");
    static final Node LANGUAGE = iri(DCTERMS + "language");
}
