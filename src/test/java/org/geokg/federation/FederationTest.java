package org.geokg.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.geokg.TestProject;
import org.geokg.load.Loader;
import org.geokg.serve.KgServer;
import org.geokg.serve.ServeSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SERVICE guard: allow-list, override of the endpoint URL, User-Agent, no redirects. */
class FederationTest {
    static final String PREFIXES = """
            PREFIX wd:   <http://www.wikidata.org/entity/>
            PREFIX wdt:  <http://www.wikidata.org/prop/direct/>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX owl:  <http://www.w3.org/2002/07/owl#>
            """;

    RecordingEndpoint recorder;
    FederationSettings before;

    @BeforeEach
    void setUp() throws Exception {
        before = Federation.settings();
        recorder = new RecordingEndpoint();
    }

    @AfterEach
    void tearDown() {
        recorder.close();
        if (before == null) Federation.uninstall();
        else Federation.install(before);
    }

    /** Runs a SELECT over a local dataset and returns the values of ?s. */
    static List<String> select(Dataset ds, String query) {
        List<String> out = new ArrayList<>();
        try (QueryExecution qe = QueryExecution.dataset(ds).query(PREFIXES + query).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                out.add(String.valueOf(s.get(rs.getResultVars().get(0))));
            }
        }
        return out;
    }

    static Dataset empty() { return DatasetFactory.createTxnMem(); }

    @Test
    void theDefaultAllowListIsWikidataOnly() {
        FederationSettings d = FederationSettings.defaults();
        assertEquals(Set.of("https://query.wikidata.org/sparql"), d.allowed());
        assertEquals(Map.of(), d.overrides());
        assertTrue(d.userAgent().startsWith("geokg/"), d.userAgent());
        assertTrue(d.userAgent().contains("https://w3id.org/geokg"), "a way to reach the project: " + d.userAgent());
    }

    @Test
    void aServiceNotOnTheAllowListIsRefusedBeforeAnythingIsSent() {
        Federation.install(FederationSettings.defaults());
        String target = recorder.url("/sparql");
        Exception e = assertThrows(Exception.class,
                () -> select(empty(), "SELECT ?s { SERVICE <" + target + "> { ?s ?p ?o } }"));
        assertTrue(chainMessage(e).contains("SERVICE <" + target + "> is refused"), chainMessage(e));
        assertTrue(chainMessage(e).contains("https://query.wikidata.org/sparql"), "names the allow-list: " + chainMessage(e));
        assertEquals(List.of(), recorder.requests, "no request may reach a host that is not on the allow-list");
    }

    @Test
    void aServiceIriBoundFromDataIsCheckedToo() {
        Federation.install(FederationSettings.defaults());
        String target = recorder.url("/sparql");
        Exception e = assertThrows(Exception.class, () -> select(empty(),
                "SELECT ?s { VALUES ?svc { <" + target + "> } SERVICE ?svc { ?s ?p ?o } }"));
        assertTrue(chainMessage(e).contains("is refused"), chainMessage(e));
        assertEquals(List.of(), recorder.requests);
    }

    @Test
    void silentDoesNotOpenTheDoorEither() {
        Federation.install(FederationSettings.defaults());
        String target = recorder.url("/sparql");
        try {
            select(empty(), "SELECT ?s { SERVICE SILENT <" + target + "> { ?s ?p ?o } }");
        } catch (RuntimeException expected) {
            // refused loudly or silently: either way nothing was fetched
        }
        assertEquals(List.of(), recorder.requests);
    }

    @Test
    void anAllowedServiceGoesToItsOverrideWithTheProjectsUserAgent() {
        Federation.install(FederationSettings.defaults()
                .withOverride(FederationSettings.WIKIDATA, recorder.url("/wd/sparql")));
        List<String> rows = select(empty(),
                "SELECT ?s { SERVICE <https://query.wikidata.org/sparql> { ?s wdt:P31 wd:Q6256 } }");
        assertEquals(List.of(RecordingEndpoint.ANSWER), rows);
        assertEquals(1, recorder.requests.size());
        RecordingEndpoint.Request r = recorder.requests.get(0);
        assertEquals("/wd/sparql", r.path());
        assertEquals(FederationSettings.USER_AGENT, r.headers().getFirst("User-Agent"));
        assertNotEquals(null, r.headers().getFirst("Accept"));
    }

    @Test
    void theOverrideTargetItselfCannotBeNamedInAQuery() {
        Federation.install(FederationSettings.defaults()
                .withOverride(FederationSettings.WIKIDATA, recorder.url("/wd/sparql")));
        assertThrows(Exception.class,
                () -> select(empty(), "SELECT ?s { SERVICE <" + recorder.url("/wd/sparql") + "> { ?s ?p ?o } }"));
        assertEquals(List.of(), recorder.requests);
    }

    @Test
    void redirectsAreNotFollowed() {
        Federation.install(FederationSettings.defaults()
                .withOverride(FederationSettings.WIKIDATA, recorder.url("/redirect")));
        assertThrows(Exception.class,
                () -> select(empty(), "SELECT ?s { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }"));
        assertEquals(List.of("/redirect"), recorder.requests.stream().map(RecordingEndpoint.Request::path).toList());
    }

    @Test
    void settingsComeFromSystemPropertiesOrEnvironment() {
        Map<String, String> props = Map.of("kg.service.override",
                "https://query.wikidata.org/sparql=http://127.0.0.1:9/wd/sparql");
        Map<String, String> env = Map.of("KG_SERVICE_ALLOW", "https://query.wikidata.org/sparql, https://example.org/sparql",
                "KG_SERVICE_OVERRIDE", "https://query.wikidata.org/sparql=http://127.0.0.1:8/ignored");
        FederationSettings s = FederationSettings.fromEnvironment(props::get, env::get);
        assertEquals(Set.of("https://query.wikidata.org/sparql", "https://example.org/sparql"), s.allowed());
        assertEquals("http://127.0.0.1:9/wd/sparql", s.target("https://query.wikidata.org/sparql"), "property wins");
        assertEquals("https://example.org/sparql", s.target("https://example.org/sparql"));

        FederationSettings none = FederationSettings.fromEnvironment(k -> null, k -> null);
        assertEquals(FederationSettings.defaults(), none);

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> FederationSettings.fromEnvironment(
                Map.of("kg.service.override", "https://evil.example/sparql=http://127.0.0.1:9/x")::get, k -> null));
        assertTrue(bad.getMessage().contains("not on the SERVICE allow-list"), bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FederationSettings.parseOverrides("no-equals-sign"));
        assertThrows(IllegalArgumentException.class, () -> FederationSettings.defaults().withAllowed(Set.of("file:///etc/passwd")));
    }

    /**
     * Through a SPARQL server: a query posted by anyone may use the allowed SERVICE (answered here by
     * the Wikidata fixture) but no other.
     */
    @Test
    void throughAServerOnlyTheAllowListIsReachable() throws Exception {
        try (WikidataFixture wd = WikidataFixture.start()) {
            Federation.install(wd.settings());
            Dataset kg = DatasetFactory.createTxnMem();
            RDFParser.fromString("""
                    <https://w3id.org/geokg/resource/russia> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q159> .
                    <https://w3id.org/geokg/resource/iran> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q794> .
                    """, Lang.NTRIPLES).parse(kg);
            FusekiServer server = FusekiServer.create().port(0).loopback(true).add("/kg", kg, false).build().start();
            try {
                String endpoint = "http://127.0.0.1:" + server.getHttpPort() + "/kg/sparql";
                HttpResponse<String> ok = post(endpoint, PREFIXES + """
                        SELECT ?x ?capital WHERE {
                          ?x owl:sameAs ?item .
                          SERVICE <https://query.wikidata.org/sparql> { ?item wdt:P36/rdfs:label ?capital }
                        } ORDER BY ?capital""");
                assertEquals(200, ok.statusCode(), ok.body());
                assertTrue(ok.body().contains("\"Moscow\"") && ok.body().contains("\"Tehran\""), ok.body());

                HttpResponse<String> refused = post(endpoint,
                        "SELECT * { SERVICE <" + recorder.url("/anything") + "> { ?s ?p ?o } }");
                assertNotEquals(200, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("is refused"), refused.body());
                assertEquals(List.of(), recorder.requests);
            } finally {
                server.stop();
            }
        }
    }

    /**
     * The project's own server (KgServer over a loaded database): SERVICE outside the allow-list, also
     * through a variable or SILENT, is refused with 422, and FROM / FROM NAMED never fetch anything.
     */
    @Test
    void theProjectsServerReachesNothingButTheAllowList(@TempDir Path tmp) throws Exception {
        TestProject project = TestProject.fixture(tmp);
        Path db = project.layout.defaultDb();
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (KgServer server = KgServer.start(ServeSettings.defaults(project.layout.configFile(), db,
                project.layout.state()).withPort(0))) {
            Federation.install(FederationSettings.defaults());
            String endpoint = "http://127.0.0.1:" + server.port() + "/kg/sparql";
            String target = recorder.url("/sparql");
            for (String q : List.of(
                    "SELECT * { SERVICE <" + target + "> { ?s ?p ?o } }",
                    "SELECT * { SERVICE SILENT <" + target + "> { ?s ?p ?o } }",
                    "SELECT * { BIND(<" + target + "> AS ?svc) SERVICE ?svc { ?s ?p ?o } }")) {
                HttpResponse<String> r = post(endpoint, q);
                assertEquals(422, r.statusCode(), q + " -> " + r.body());
                assertTrue(r.body().contains("is refused"), r.body());
            }
            for (String q : List.of("SELECT * FROM <" + target + "> { ?s ?p ?o }",
                    "SELECT * FROM NAMED <" + target + "> { GRAPH ?g { ?s ?p ?o } }"))
                post(endpoint, q);
            assertEquals(List.of(), recorder.requests, "nothing may be fetched from a URL a query names");
        }
    }

    static HttpResponse<String> post(String endpoint, String query) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }

    static String chainMessage(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
        return sb.toString();
    }
}
