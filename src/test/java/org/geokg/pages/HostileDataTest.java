package org.geokg.pages;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data is curated, but the pages treat it as hostile: labels, names, descriptions, quotes, notes
 * and the article's text are escaped wherever they appear, and an odd IRI never becomes a link target
 * of another scheme.
 */
class HostileDataTest {
    static final String SCRIPT = "<script>alert('x')</script>";
    static final String ATTR = "\"><img src=x onerror=alert(1)>";

    @TempDir static Path sources;
    static DatasetGraph ds;
    static Node evil, other, claim, source;

    @BeforeAll
    static void build() throws Exception {
        // The article itself carries markup too.
        Files.writeString(sources.resolve("a.txt"), "First.\nIt said " + SCRIPT + " and " + ATTR + " loudly.\n");
        ds = DatasetGraphFactory.createTxnMem();
        Node g = Terms.sourceGraph("s");
        evil = Terms.entity("evil");
        other = NodeFactory.createURI("javascript:alert(1)");
        claim = Terms.statement("c1");
        source = Terms.source("s");
        Txn.executeWrite(ds, () -> {
            ds.add(g, source, RDF.type.asNode(), Terms.SOURCE_CLASS);
            ds.add(g, source, Terms.TITLE, NodeFactory.createLiteralLang("Title " + SCRIPT, "en"));
            ds.add(g, source, Terms.SOURCE_FILE, NodeFactory.createLiteralString("a.txt"));
            ds.add(g, evil, RDF.type.asNode(), Terms.kg("Actor"));
            ds.add(g, evil, RDFS.label.asNode(), NodeFactory.createLiteralLang("Evil " + SCRIPT, "en"));
            ds.add(g, evil, Terms.ALT_LABEL, NodeFactory.createLiteralLang(ATTR, "en"));
            ds.add(g, evil, RDFS.comment.asNode(), NodeFactory.createLiteralLang("a & b " + SCRIPT, "en"));
            ds.add(g, evil, Terms.kg("relatedTo"), other);
            ds.add(g, claim, RDF.type.asNode(), Terms.CLAIM);
            ds.add(g, claim, RDF.subject.asNode(), evil);
            ds.add(g, claim, RDF.predicate.asNode(), Terms.kg("says"));
            ds.add(g, claim, RDF.object.asNode(), NodeFactory.createLiteralString(SCRIPT));
            ds.add(g, claim, Terms.MODALITY, Claim.STATED_FACT);
            ds.add(g, claim, Terms.SOURCE_PROP, source);
            ds.add(g, claim, Terms.PARAGRAPH, NodeFactory.createLiteralDT("2", XSDDatatype.XSDinteger));
            ds.add(g, claim, Terms.QUOTE, NodeFactory.createLiteralString(SCRIPT + " and " + ATTR));
            ds.add(g, claim, Terms.CURATOR_NOTE, NodeFactory.createLiteralString(ATTR));
            ds.add(g, claim, Terms.POINT_IN_TIME, NodeFactory.createLiteralString("2025 " + SCRIPT));
        });
    }

    static String render(java.util.function.Function<Render, String> page) {
        return Txn.calculateRead(ds, () -> page.apply(new Render(new GraphView(ds), new SourceTexts(sources))));
    }

    static void assertInert(String html) {
        assertNotNull(html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("href=\"javascript:"), html);
        assertTrue(html.contains("&lt;script&gt;"), "shown as text");
    }

    @Test
    void theEntityPageEscapesEverything() {
        String page = render(r -> EntityPage.render(r, evil));
        assertInert(page);
        assertTrue(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "the other name, as text");
        assertTrue(page.contains("<mark>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; and &quot;&gt;&lt;img"), "the quote in its paragraph");
        assertInert(Html.page("Evil " + SCRIPT, page));
    }

    @Test
    void theStatementSourceAndSearchPagesEscapeEverything() {
        assertInert(render(r -> StatementPage.render(r, claim)));
        assertInert(render(r -> SourcePage.render(r, source)));
        assertTrue(SearchPage.snippet("x " + SCRIPT, SearchPage.words("script")).contains("&lt;<mark>script</mark>&gt;"));
    }
}
