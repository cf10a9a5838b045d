package org.geokg.pages;

import static org.geokg.pages.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.geokg.mapping.Articles;

/**
 * A source's page: its description, then the article paragraph by paragraph (each with an anchor,
 * {@code #p8}), with the statements that cite each paragraph. Without the article's text on this
 * server, the cited paragraphs are listed with their quotes.
 */
final class SourcePage {
    private SourcePage() {}

    static String render(Render r, Node src) {
        GraphView g = r.g;
        if (!g.has(src, Terms.SOURCE_FILE, null) && !g.has(src, Terms.TITLE, null)) return null;
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"kind\">Source</p>\n<h1>").append(esc(g.label(src))).append("</h1>\n");
        b.append("<p class=\"iri\"><code>").append(esc(src.getURI())).append("</code></p>\n<dl class=\"about\">\n");
        dd(b, "Published", g.string(src, Terms.PUBLISHED));
        dd(b, "Language", g.string(src, Terms.LANGUAGE));
        dd(b, "Text file", g.string(src, Terms.SOURCE_FILE));
        dd(b, "SHA-256", g.string(src, Terms.SHA256));
        dd(b, "Curator's note", g.string(src, Terms.CURATOR_NOTE));
        b.append("</dl>\n");

        TreeMap<Integer, List<Claim>> cited = new TreeMap<>();
        for (Node c : g.subjects(Terms.SOURCE_PROP, src)) {
            if (!g.isClaim(c)) continue;
            Claim claim = Claim.read(g, c);
            if (claim.paragraph() != null) cited.computeIfAbsent(claim.paragraph(), k -> new ArrayList<>()).add(claim);
        }
        for (List<Claim> l : cited.values()) l.sort(Comparator.comparing(c -> c.iri().getURI()));

        Optional<Articles> article = r.article(src);
        b.append("<h2 id=\"paragraphs\">The article, paragraph by paragraph</h2>\n");
        if (article.isEmpty())
            b.append("<p class=\"help\">The article's text is not on this server; the paragraphs cited by statements "
                    + "are listed with their quotes.</p>\n");
        List<Integer> numbers = new ArrayList<>();
        if (article.isPresent()) {
            List<String> ps = article.get().paragraphs();
            for (int i = 1; i <= ps.size(); i++) if (!ps.get(i - 1).isBlank()) numbers.add(i);
        } else {
            numbers.addAll(cited.keySet());
        }
        for (int n : numbers) {
            List<Claim> here = cited.getOrDefault(n, List.of());
            b.append("<section class=\"paragraph\" id=\"p").append(n).append("\" aria-labelledby=\"p").append(n).append("-h\">\n");
            b.append("<h3 id=\"p").append(n).append("-h\">Paragraph ").append(n).append("</h3>\n");
            if (article.isPresent()) b.append("<p class=\"text\">").append(esc(article.get().paragraph(n))).append("</p>\n");
            if (here.isEmpty()) {
                b.append("<p class=\"none\">No statement cites this paragraph.</p>\n");
            } else {
                b.append("<details><summary>").append(here.size()).append(here.size() == 1 ? " statement" : " statements")
                 .append(" cite this paragraph</summary>\n<ul class=\"cited\">\n");
                for (Claim c : here)
                    b.append("<li>").append(EntityPage.statementLink(c, r.sentenceText(c))).append(" — ")
                     .append(r.modality(c)).append(" <q>").append(esc(c.quote())).append("</q></li>\n");
                b.append("</ul>\n</details>\n");
            }
            b.append("</section>\n");
        }
        return b.toString();
    }

    private static void dd(StringBuilder b, String term, String value) {
        if (value != null) b.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }
}
