package org.geokg.federation;

import java.nio.file.Path;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.geokg.TestProject;

/**
 * A second SPARQL endpoint on loopback serving src/test/resources/wikidata-fixture/wikidata.ttl, a few
 * triples in Wikidata's shape, so that the federated queries run offline. Point
 * SERVICE &lt;https://query.wikidata.org/sparql&gt; at {@link #sparqlUrl()} with
 * {@code FederationSettings.defaults().withOverride(FederationSettings.WIKIDATA, fixture.sparqlUrl())}.
 */
public final class WikidataFixture implements AutoCloseable {
    public static final Path FILE = TestProject.realHome().resolve("src/test/resources/wikidata-fixture/wikidata.ttl");

    private final FusekiServer server;

    private WikidataFixture(FusekiServer server) { this.server = server; }

    public static WikidataFixture start() {
        Dataset ds = DatasetFactory.createTxnMem();
        RDFDataMgr.read(ds.getDefaultModel(), FILE.toString());
        FusekiServer server = FusekiServer.create().port(0).loopback(true).verbose(false)
                .add("/wd", ds, false).build().start();
        return new WikidataFixture(server);
    }

    /** The fixture's query endpoint, e.g. http://127.0.0.1:40123/wd/sparql */
    public String sparqlUrl() { return "http://127.0.0.1:" + server.getHttpPort() + "/wd/sparql"; }

    /** Settings whose Wikidata SERVICE goes to this fixture. */
    public FederationSettings settings() {
        return FederationSettings.defaults().withOverride(FederationSettings.WIKIDATA, sparqlUrl());
    }

    @Override
    public void close() { server.stop(); }
}
