package org.geokg.pages;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataAccessPoint;
import org.geokg.pages.PagesServlet.Route;

/**
 * The analyst's browser: pages for every entity, statement and source, the ontology, full-text
 * search and the query library, served beside Fuseki's endpoints and UI. The project's IRIs
 * ({@code https://w3id.org/geokg/resource/russia}) are answered at the same paths
 * ({@code /resource/russia}), as HTML or RDF by content negotiation.
 */
public final class KgPages {
    private final String datasetPath;
    private final Path queriesDir;
    private final SourceTexts texts;
    private final Duration queryTimeout;

    /**
     * @param datasetName  the served dataset whose data the pages show ({@code /kg})
     * @param queriesDir   the query library (queries/)
     * @param sourcesDir   the articles' texts, for the paragraphs evidence is quoted from
     * @param queryTimeout limit for the pages' own queries (the search)
     */
    public KgPages(String datasetName, Path queriesDir, Path sourcesDir, Duration queryTimeout) {
        this.datasetPath = DataAccessPoint.canonical(datasetName);
        this.queriesDir = queriesDir;
        this.texts = new SourceTexts(sourcesDir);
        this.queryTimeout = queryTimeout;
    }

    /** Adds the pages to a Fuseki server being built; the paths do not clash with datasets or the UI. */
    public void register(FusekiServer.Builder builder) {
        builder.addServlet("/resource/*", new PagesServlet(Route.ENTITY, this))
               .addServlet("/statement/*", new PagesServlet(Route.STATEMENT, this))
               .addServlet("/source/*", new PagesServlet(Route.SOURCE, this))
               .addServlet("/ontology", new PagesServlet(Route.ONTOLOGY, this))
               .addServlet("/search", new PagesServlet(Route.SEARCH, this))
               .addServlet("/queries", new PagesServlet(Route.QUERIES, this))
               .addServlet("/assets/*", new PagesServlet(Route.ASSET, this));
    }

    String datasetPath() { return datasetPath; }

    /** The dataset's name in a UI address ({@code kg}). */
    String datasetName() { return datasetPath.substring(1); }

    Path queriesDir() { return queriesDir; }

    SourceTexts texts() { return texts; }

    long queryTimeoutMillis() { return queryTimeout.toMillis(); }
}
