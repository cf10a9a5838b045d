package org.geokg.load;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * The IRIs of the project (data/README.md) and the few ontology terms the mapping itself relies on:
 * the statement model (claims, modality, qualifiers, references). Domain terms such as
 * {@code kg:participant} never appear in Java; they come from the ontology and the data.
 */
public final class Vocab {
    private Vocab() {}

    public static final String BASE = "https://w3id.org/geokg/";
    public static final String KG = BASE + "ontology#";
    public static final String ONTOLOGY_IRI = BASE + "ontology";
    public static final String RESOURCE = BASE + "resource/";
    public static final String STATEMENT = BASE + "statement/";
    public static final String SOURCE = BASE + "source/";
    public static final String GRAPH = BASE + "graph/";
    public static final String WIKIDATA_ENTITY = "http://www.wikidata.org/entity/";
    public static final String PROV = "http://www.w3.org/ns/prov#";
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    public static final String DCTERMS = "http://purl.org/dc/terms/";

    public static final Node ONTOLOGY_GRAPH = iri(GRAPH + "ontology");

    public static Node kg(String local) { return iri(KG + local); }
    public static Node entity(String id) { return iri(RESOURCE + id); }
    public static Node statement(String id) { return iri(STATEMENT + id); }
    public static Node source(String id) { return iri(SOURCE + id); }
    public static Node sourceGraph(String sourceId) { return iri(GRAPH + sourceId); }
    public static Node iri(String iri) { return NodeFactory.createURI(iri); }

    // Statement model
    public static final Node CLAIM = kg("Claim");
    public static final Node SOURCE_CLASS = kg("Source");
    public static final Node MODALITY = kg("modality");
    public static final Node ATTRIBUTED_TO = kg("attributedTo");
    public static final Node LIKELIHOOD = kg("likelihood");
    public static final Node SCENARIO = kg("scenario");
    public static final Node STEP = kg("step");
    public static final Node POINT_IN_TIME = kg("pointInTime");
    public static final Node START_TIME = kg("startTime");
    public static final Node END_TIME = kg("endTime");
    public static final Node EARLIEST_TIME = kg("earliestTime");
    public static final Node LATEST_TIME = kg("latestTime");
    public static final Node TIME_PRECISION = kg("timePrecision");
    public static final Node SOURCE_PROP = kg("source");
    public static final Node PARAGRAPH = kg("paragraph");
    public static final Node QUOTE = kg("quote");
    public static final Node CURATOR_NOTE = kg("curatorNote");
    public static final Node DEFINED_AT = kg("definedAt");
    public static final Node PUBLISHED = kg("published");
    public static final Node SHA256 = kg("sha256");
    public static final Node SOURCE_FILE = kg("sourceFile");

    public static final Node ALT_LABEL = iri(SKOS + "altLabel");
    public static final Node TITLE = iri(DCTERMS + "title");
    public static final Node LANGUAGE = iri(DCTERMS + "language");
}
