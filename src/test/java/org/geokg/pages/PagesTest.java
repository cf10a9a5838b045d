package org.geokg.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.geokg.TestProject;
import org.geokg.mapping.Articles;
import org.geokg.query.QueryFiles;
import org.geokg.store.Layout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst's pages over HTTP, against a server over the real data: every IRI of the graph
 * dereferences, as HTML or RDF by content negotiation; the entity page shows facts both ways and the
 * claims by modality with their evidence in its paragraph; the statement page the qualifiers and a
 * scenario's steps in order; search, the query library and the ontology. Expected values come from
 * the article and data/*.csv.
 */
class PagesTest {
    @TempDir static Path tmp;
    static RealDataServer kg;

    static final String KG = "https://w3id.org/geokg/ontology#";
    static final String KGR = "https://w3id.org/geokg/resource/";
    static final String KGS = "https://w3id.org/geokg/statement/";
    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    @BeforeAll
    static void start() {
        kg = RealDataServer.start(tmp);
    }

    @AfterAll
    static void stop() {
        if (kg != null) kg.close();
    }

    static String html(String path) {
        HttpResponse<String> r = kg.get(path, BROWSER_ACCEPT);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
        checkPlainAccessiblePage(path, r);
        return r.body();
    }

    /** No script, one h1, a language, the style sheet, header cells in every table, the strict CSP. */
    static void checkPlainAccessiblePage(String path, HttpResponse<String> r) {
        String body = r.body();
        assertFalse(body.toLowerCase().contains("<script"), path + " has a script");
        assertEquals(1, count(body, "<h1[ >]"), path + ": one h1");
        assertTrue(body.contains("<html lang=\"en\">"), path + ": language");
        assertTrue(body.contains("href=\"/assets/geokg.css\""), path + ": style sheet");
        int tables = count(body, "<table[ >]");
        Matcher t = Pattern.compile("(?s)<table.*?</table>").matcher(body);
        while (t.find()) assertTrue(t.group().contains("<th"), path + ": a table without header cells");
        assertTrue(tables >= 0);
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"), path + ": CSP");
    }

    static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    /** The part of the page under the heading with this id, up to the next h2. */
    static String section(String body, String headingId) {
        int at = body.indexOf("id=\"" + headingId + "\"");
        assertTrue(at >= 0, "no section " + headingId);
        int end = body.indexOf("<h2", at + 1);
        return body.substring(at, end < 0 ? body.length() : end);
    }

    // ---------------------------------------------------------------- entity page

    @Test
    void russiasPageShowsItsNamesClassesWikidataLinkFactsBothWaysClaimsByModalityTimelineAndRelatedEntities() {
        String page = html("/resource/russia");
        assertTrue(page.contains("<h1>Russia</h1>"));
        assertTrue(page.contains("https://www.wikidata.org/wiki/Q159"), "Wikidata Q159 (data/entities.csv)");
        assertTrue(page.contains("<a href=\"/ontology#SovereignState\">sovereign state</a>"), "its class, by label");

        // Facts from Russia: paragraph 8, "Russia has become the sole exporter of arms to Iran".
        String out = tableRows(page, "facts-out");
        assertTrue(out.contains("sole arms supplier to") && out.contains("<a href=\"/resource/iran\">Iran</a>")
                && out.contains("/statement/p8-russia-sole-arms-exporter"), out);
        // Facts to Russia: Iran receives arms from Russia (the inverse, written at load: no paragraph of its own).
        String in = tableRows(page, "facts-in");
        Matcher recipient = Pattern.compile("<tr><td><a href=\"/resource/iran\">Iran</a></td><td><a href=\"/ontology#armsRecipientOf\">"
                + "arms recipient of</a></td><td><em class=\"implied\">implied</em></td></tr>").matcher(in);
        assertTrue(recipient.find(), in);

        // Claims grouped by modality: p10 "it is unlikely that Moscow will abandon ..." is an assessment,
        // p8 "Policymakers in Tehran fear that if Russia improves its relationship" a fear.
        String claims = section(page, "claims");
        int facts = claims.indexOf("id=\"m-StatedFact\""), assessments = claims.indexOf("id=\"m-AuthorAssessment\""),
                fears = claims.indexOf("id=\"m-Fear\""), hypotheticals = claims.indexOf("id=\"m-Hypothetical\"");
        assertTrue(facts >= 0 && facts < assessments && assessments < fears && fears < hypotheticals, "groups in order");
        String assessmentGroup = claims.substring(assessments, fears);
        assertTrue(assessmentGroup.contains("/statement/p10-russia-abandons-iran-unlikely"), assessmentGroup);
        assertTrue(claims.substring(fears, hypotheticals).contains("/statement/p8-fear-1-russia-improves-us-relations"));
        assertFalse(claims.substring(facts, assessments).contains("p10-russia-abandons-iran-unlikely"),
                "an assessment is never among the stated facts");

        // Each quote marked inside its whole paragraph (paragraph 8, from the article).
        if (RealDataServer.articlePresent())
            assertTrue(claims.contains("<mark>Since 2019, Russia has become the sole exporter of arms to Iran</mark>, "
                    + "as the latter desperately sought Su-35 fighter aircraft"), "quote in its paragraph");
        assertTrue(claims.contains("<a href=\"/source/russia-iran-2025#p8\">paragraph 8</a>"), "source and paragraph");

        // Timeline: "Since 2019" (p8) before the treaty of January 17, 2025 (p5).
        String timeline = section(page, "timeline");
        int since2019 = timeline.indexOf("since 2019"), treaty = timeline.indexOf("2025-01-17");
        assertTrue(since2019 >= 0 && treaty > since2019, timeline);

        String related = section(page, "related");
        for (String id : List.of("iran", "china", "united-states", "kremlin", "swift"))
            assertTrue(related.contains("href=\"/resource/" + id + "\""), "related: " + id);
        assertFalse(related.contains("href=\"/resource/russia\""), "not related to itself");
    }

    static String tableRows(String page, String id) {
        int at = page.indexOf("<table class=\"facts\" id=\"" + id + "\"");
        assertTrue(at >= 0, id);
        return page.substring(at, page.indexOf("</table>", at));
    }

    @Test
    void otherNamesAndDescriptionsAreShown() {
        String us = html("/resource/united-states");
        assertTrue(us.contains("<dt>Other names</dt><dd>America; U.S.; Washington</dd>"), "alt_labels U.S.|America|Washington, sorted");
        String trump = html("/resource/trump-administration");
        assertTrue(trump.contains("The U.S. administration of Donald Trump in his second term"), "description");
    }

    // ---------------------------------------------------------------- statement page

    @Test
    void theSoleExporterStatementShowsItsClaimQualifiersAndEvidence() {
        String page = html("/statement/p8-russia-sole-arms-exporter");
        String h1 = page.substring(page.indexOf("<h1>"), page.indexOf("</h1>"));
        assertTrue(h1.contains(">Russia</a>") && h1.contains(">sole arms supplier to</a>") && h1.contains(">Iran</a>"), h1);
        assertTrue(page.contains("<th scope=\"row\">start time</th><td>2019</td>"), "Since 2019");
        assertTrue(page.contains(">year precision</a>"));
        assertTrue(page.contains("also holds it as a plain triple"));
        assertTrue(page.contains("<a href=\"/source/russia-iran-2025#p8\">paragraph 8</a>"));
        assertTrue(page.contains("<mark>Since 2019, Russia has become the sole exporter of arms to Iran</mark>"));
    }

    @Test
    void aScenarioStepShowsTheWholeScenarioInOrder() {
        // Paragraph 8: Russia improves relations with the US (1), downgrades its partnership with Iran (2),
        // the US and Israel pressure Tehran (3).
        String page = html("/statement/p8-fear-2-russia-downgrades-partnership");
        assertTrue(page.contains("not a stated fact"), "a fear is no fact");
        String steps = section(page, "scenario");
        int s1 = steps.indexOf("if Russia improves its relationship with the United States"),
                s2 = steps.indexOf("it might consequently downgrade its strategic partnership with Iran"),
                s3 = steps.indexOf("thus enabling the United States and Israel to ratchet up pressure on Tehran");
        assertTrue(s1 >= 0 && s1 < s2 && s2 < s3, steps);
        assertTrue(steps.contains("<li value=\"1\">") && steps.contains("<li value=\"3\">"));
        Matcher current = Pattern.compile("<li class=\"current\" aria-current=\"true\">(.*?)</li>").matcher(steps);
        assertTrue(current.find() && current.group(1).contains("downgrades partnership with"), steps);
    }

    // ---------------------------------------------------------------- source page

    @Test
    void theSourcePageHasEveryParagraphAtItsAnchorWithTheStatementsCitingIt() {
        String page = html("/source/russia-iran-2025");
        String p8 = page.substring(page.indexOf("id=\"p8\""), page.indexOf("</section>", page.indexOf("id=\"p8\"")));
        assertTrue(p8.contains("/statement/p8-russia-sole-arms-exporter"), "cited by the sole-exporter statement");
        if (RealDataServer.articlePresent()) {
            assertTrue(p8.contains("Since 2019, Russia has become the sole exporter of arms to Iran"), "the paragraph's text");
            for (int n = 1; n <= 11; n++) assertTrue(page.contains("id=\"p" + n + "\""), "paragraph " + n);
        }
    }

    // ---------------------------------------------------------------- IRIs and formats

    @Test
    void everyIriOfTheGraphDereferencesToItsPage() {
        HttpResponse<String> r = kg.get("/kg/sparql?query=" + URLEncoder.encode(
                "SELECT DISTINCT ?s { ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"https://w3id.org/geokg/\")) }", StandardCharsets.UTF_8),
                "text/csv");
        assertEquals(200, r.statusCode());
        List<String> iris = r.body().lines().skip(1).map(String::strip).filter(s -> !s.isEmpty()).toList();
        int pages = 0;
        String ontology = html("/ontology");
        for (String iri : iris) {
            if (iri.startsWith(KG)) {
                assertTrue(ontology.contains("id=\"" + iri.substring(KG.length()) + "\""), "ontology term " + iri);
                continue;
            }
            String path = Iris.localPath(iri);
            if (path == null) continue;   // graph IRIs, CAMEO codes
            HttpResponse<String> p = kg.get(path, BROWSER_ACCEPT);
            assertEquals(200, p.statusCode(), iri + " at " + path);
            pages++;
        }
        // 79 entities, 220 statements and 1 source (data/*.csv); more as data is added.
        assertTrue(pages >= 300, "pages dereferenced: " + pages);
    }

    @Test
    void contentNegotiationGivesHtmlToBrowsersAndRdfToRdfClients() {
        HttpResponse<String> browser = kg.get("/resource/russia", BROWSER_ACCEPT);
        assertTrue(browser.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(browser.headers().allValues("Vary").toString().contains("Accept"));

        Model turtle = rdf("/resource/russia", "text/turtle", Lang.TURTLE);
        // Outgoing, incoming (unlike DESCRIBE) and the claim with its evidence.
        assertTrue(turtle.contains(turtle.createResource(KGR + "russia"), turtle.createProperty(KG + "soleArmsSupplierTo"),
                turtle.createResource(KGR + "iran")));
        assertTrue(turtle.contains(turtle.createResource(KGR + "iran"), turtle.createProperty(KG + "armsRecipientOf"),
                turtle.createResource(KGR + "russia")));
        assertTrue(turtle.contains(turtle.createResource(KGS + "p8-russia-sole-arms-exporter"), turtle.createProperty(KG + "quote"),
                "Since 2019, Russia has become the sole exporter of arms to Iran"));
        Model jsonld = rdf("/resource/russia", "application/ld+json", Lang.JSONLD);
        Model ntriples = rdf("/resource/russia", "application/n-triples", Lang.NTRIPLES);
        assertTrue(turtle.isIsomorphicWith(jsonld), "JSON-LD says the same as Turtle");
        assertTrue(turtle.isIsomorphicWith(ntriples), "N-Triples says the same as Turtle");
        assertTrue(turtle.isIsomorphicWith(rdf("/resource/russia?format=nt", BROWSER_ACCEPT, Lang.NTRIPLES)), "?format= wins");

        Model statement = rdf("/statement/p8-russia-sole-arms-exporter", "text/turtle", Lang.TURTLE);
        assertTrue(statement.contains(statement.createResource(KGS + "p8-russia-sole-arms-exporter"),
                statement.createProperty(KG + "paragraph")));
        rdf("/source/russia-iran-2025", "application/n-triples", Lang.NTRIPLES);
        Model ontology = rdf("/ontology", "text/turtle", Lang.TURTLE);
        assertTrue(ontology.contains(ontology.createResource(KG + "Claim"), null, (org.apache.jena.rdf.model.RDFNode) null));

        assertEquals(406, kg.get("/resource/russia", "application/pdf").statusCode());
        assertEquals(404, kg.get("/resource/no-such-entity", "text/turtle").statusCode());
        assertEquals(404, kg.get("/resource/no-such-entity", BROWSER_ACCEPT).statusCode());
        assertEquals(404, kg.get("/statement/russia", BROWSER_ACCEPT).statusCode(), "an entity is no statement");
        int traversal = kg.get("/resource/..%2Fetc", BROWSER_ACCEPT).statusCode();
        assertTrue(traversal == 400 || traversal == 404, "refused: " + traversal);
    }

    static Model rdf(String path, String accept, Lang lang) {
        HttpResponse<String> r = kg.get(path, accept);
        assertEquals(200, r.statusCode(), path + " " + accept);
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith(lang.getHeaderString()), path + ": " + type);
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(r.body(), lang).parse(m);
        assertFalse(m.isEmpty(), path);
        return m;
    }

    // ---------------------------------------------------------------- search

    @Test
    void searchFindsLabelsAndQuotesWithSnippets() {
        // Paragraph 9: "Russia and Iran explored cryptocurrency transactions".
        String crypto = html("/search?q=" + URLEncoder.encode("cryptocurrency", StandardCharsets.UTF_8));
        assertTrue(crypto.contains("/statement/p9-russia-explored-crypto"), "a quote hit");
        assertTrue(crypto.contains("<mark>cryptocurrency</mark>"), "the word marked in the snippet");
        assertTrue(crypto.contains("href=\"/resource/cryptocurrency\">cryptocurrency</a>"), "a label hit");
        String houthis = html("/search?q=Houthi*");
        assertTrue(houthis.contains("href=\"/resource/houthis\">Houthis</a>"), "prefix search over labels");
        assertTrue(houthis.contains("<mark>Houthis</mark>"));
        String other = html("/search?q=America");
        assertTrue(other.contains("href=\"/resource/united-states\""), "other names are searched");
    }

    @Test
    void searchInputNeverBecomesMarkupOrQueryText() {
        HttpResponse<String> r = kg.get("/search?q=" + URLEncoder.encode("<script>alert(1)</script> } SELECT", StandardCharsets.UTF_8),
                BROWSER_ACCEPT);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 400, r.body());
        assertFalse(r.body().contains("<script>"));
        assertTrue(r.body().contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt; } SELECT\""), "echoed as text");
        HttpResponse<String> broken = kg.get("/search?q=" + URLEncoder.encode("\"unclosed", StandardCharsets.UTF_8), BROWSER_ACCEPT);
        assertEquals(400, broken.statusCode(), broken.body());
        assertTrue(broken.body().contains("could not be understood"));
        assertEquals(400, kg.get("/search?q=" + "a".repeat(300), BROWSER_ACCEPT).statusCode());
    }

    // ---------------------------------------------------------------- query library

    @Test
    void theQueryLibraryPageListsEveryQueryWithItsQuestionAndOpensItInTheFusekiEditor() throws Exception {
        String page = html("/queries");
        Path queries = TestProject.realHome().resolve("queries");
        List<String> names = QueryFiles.names(queries);
        assertTrue(names.size() >= 30);
        Matcher links = Pattern.compile("<tr id=\"q-([^\"]+)\">.*?<a class=\"open-query\" href=\"([^\"]+)\">", Pattern.DOTALL).matcher(page);
        List<String> seen = new ArrayList<>();
        while (links.find()) {
            String name = links.group(1);
            String href = links.group(2).replace("&amp;", "&");
            String prefix = "/#/dataset/kg/query?query=";
            assertTrue(href.startsWith(prefix), href);
            String text = Files.readString(queries.resolve(name + ".rq"), StandardCharsets.UTF_8);
            assertEquals(text, URLDecoder.decode(href.substring(prefix.length()), StandardCharsets.UTF_8), name);
            String question = text.lines().findFirst().orElseThrow().substring("# Question:".length()).strip();
            assertTrue(page.contains(Html.esc(question)), name + ": its question");
            seen.add(name);
        }
        assertEquals(names, seen);
    }

    // ---------------------------------------------------------------- evidence

    @Test
    void everyQuoteOfTheRealDataIsMarkedInsideItsParagraph() throws Exception {
        assumeTrue(RealDataServer.articlePresent(), "skipped: the article is not in ../shared/sources");
        Articles article = Articles.read(Layout.of(TestProject.realHome()).sharedSources().resolve("russia-iran-2025.txt"));
        HttpResponse<String> r = kg.get("/kg/sparql?query=" + URLEncoder.encode(
                "PREFIX kg: <" + KG + "> SELECT ?n ?p ?q { ?n kg:paragraph ?p ; kg:quote ?q }", StandardCharsets.UTF_8), "text/tab-separated-values");
        assertEquals(200, r.statusCode());
        int checked = 0;
        for (String line : r.body().lines().skip(1).toList()) {
            String[] cells = line.split("\t");
            int p = Integer.parseInt(cells[1].replaceAll("^\"?(\\d+)\"?.*$", "$1"));
            String quote = org.apache.jena.riot.system.RiotLib.parse(cells[2]).getLiteralLexicalForm();
            int[] span = QuoteInParagraph.find(article.paragraph(p), quote);
            assertNotNull(span, cells[0] + ": quote not found in paragraph " + p);
            assertEquals(Articles.normalize(quote), Articles.normalize(article.paragraph(p).substring(span[0], span[1])), cells[0]);
            checked++;
        }
        assertTrue(checked >= 290, "quotes checked: " + checked);
    }

    /**
     * README: pandas.read_csv (and other clients that cannot set Accept) get CSV with {@code format=csv}
     * in the URL. The library's timeline query, read by pandas itself where Debian's python3-pandas is
     * installed.
     */
    @Test
    void theFormatParameterGivesCsvToClientsThatCannotSetAccept() throws Exception {
        String query = Files.readString(TestProject.realHome().resolve("queries/timeline.rq"), StandardCharsets.UTF_8);
        String path = "/kg/sparql?format=csv&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        HttpResponse<String> r = kg.get(path, null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), r.headers().toString());
        assertEquals("when,event,eventLabel", r.body().lines().findFirst().orElse(""));
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) return;
        Process p = new ProcessBuilder(python.toString(), "-c",
                "import sys, pandas as pd; df = pd.read_csv(sys.argv[1]); print(list(df.columns), len(df))",
                kg.base.resolve(path).toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        if (out.contains("No module named 'pandas'")) return;
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("['when', 'event', 'eventLabel']"), out);
    }

    @Test
    void theStyleSheetIsServed() {
        HttpResponse<String> css = kg.get("/assets/geokg.css", null);
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
        assertTrue(css.body().length() < 8000, "one small CSS file");
        assertEquals(404, kg.get("/assets/other.css", null).statusCode());
    }
}
