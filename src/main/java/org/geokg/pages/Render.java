package org.geokg.pages;

import static org.geokg.pages.Html.esc;

import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.geokg.mapping.Articles;

/** The pieces pages share: links with labels, a claim as a sentence, its dates, its evidence. */
final class Render {
    final GraphView g;
    private final SourceTexts texts;

    Render(GraphView g, SourceTexts texts) {
        this.g = g;
        this.texts = texts;
    }

    /** A node as a link to its page, shown by its label; a literal as its text. */
    String link(Node n) {
        if (n == null) return "";
        if (n.isLiteral()) return "<span class=\"literal\">" + esc(n.getLiteralLexicalForm()) + "</span>";
        if (!n.isURI()) return esc(g.label(n));
        String href = Iris.href(n.getURI());
        return href == null ? esc(g.label(n)) : Html.a(href, g.label(n));
    }

    /** The claim's triple in words: subject, property, value. */
    String sentence(Claim c) {
        return "<span class=\"triple\">" + link(c.subject()) + " <span class=\"property\">" + link(c.property())
                + "</span> " + link(c.object()) + "</span>";
    }

    /** The same in plain text (titles, alt texts). */
    String sentenceText(Claim c) {
        return g.label(c.subject()) + " " + g.label(c.property()) + " " + g.label(c.object());
    }

    /** What kind of claim it is, in words: "stated fact", "report by Russian media", ... */
    String modality(Claim c) {
        StringBuilder b = new StringBuilder("<span class=\"modality\">").append(esc(g.label(c.modality()))).append("</span>");
        if (c.likelihood() != null) b.append(" (").append(esc(g.label(c.likelihood()))).append(")");
        if (c.attributedTo() != null)
            b.append(Claim.FEAR.equals(c.modality()) ? ", held by " : ", by ").append(link(c.attributedTo()));
        if (c.scenario() != null)
            b.append(", step ").append(c.step() == null ? "?" : c.step()).append(" of ").append(link(c.scenario()));
        return b.toString();
    }

    /** The claim's time qualifiers in words, at the article's precision; empty when it has none. */
    String when(Claim c) {
        Map<Node, Node> t = c.times();
        String at = lex(t.get(Terms.POINT_IN_TIME)), start = lex(t.get(Terms.START_TIME)), end = lex(t.get(Terms.END_TIME)),
                earliest = lex(t.get(Terms.EARLIEST_TIME)), latest = lex(t.get(Terms.LATEST_TIME));
        StringBuilder b = new StringBuilder();
        if (at != null) b.append(at);
        if (start != null) b.append(end != null ? "from " + start + " to " + end : "since " + start);
        else if (end != null) b.append("until ").append(end);
        if (earliest != null && latest != null) b.append("between ").append(earliest).append(" and ").append(latest);
        else if (earliest != null) b.append("not before ").append(earliest);
        else if (latest != null) b.append("not after ").append(latest);
        if (b.length() == 0 && Claim.isDate(c.object())) b.append(c.object().getLiteralLexicalForm());
        return b.toString();
    }

    private static String lex(Node n) {
        return n == null ? null : n.getLiteralLexicalForm();
    }

    /** The source's page link with a paragraph anchor. */
    static String paragraphHref(Node source, Integer paragraph) {
        String id = Iris.id(source, Iris.Kind.SOURCE);
        if (id == null) return null;
        return "/source/" + id + (paragraph == null ? "" : "#p" + paragraph);
    }

    /** The article's paragraph, if its text is on this server. */
    Optional<String> paragraphText(Node source, Integer paragraph) {
        if (source == null || paragraph == null) return Optional.empty();
        return texts.article(g.string(source, Terms.SOURCE_FILE)).map(a -> a.paragraph(paragraph));
    }

    Optional<Articles> article(Node source) {
        return source == null ? Optional.empty() : texts.article(g.string(source, Terms.SOURCE_FILE));
    }

    /**
     * The evidence of a claim or an entity: the whole paragraph with the quote marked in it (only the
     * quote when the article is not on this server), and the source and paragraph it comes from.
     */
    String evidence(Node source, Integer paragraph, String quote) {
        if (quote == null && source == null) return "<p class=\"no-evidence\">No evidence recorded.</p>";
        StringBuilder b = new StringBuilder("<figure class=\"evidence\">\n");
        Optional<String> text = paragraphText(source, paragraph);
        String href = paragraphHref(source, paragraph);
        b.append("<blockquote").append(href == null ? "" : " cite=\"" + esc(href) + "\"").append(">");
        if (text.isPresent() && QuoteInParagraph.find(text.get(), quote) != null)
            b.append("<p>").append(QuoteInParagraph.marked(text.get(), quote)).append("</p>");
        else
            b.append("<p><mark>").append(esc(quote)).append("</mark></p>");
        b.append("</blockquote>\n<figcaption>");
        if (text.isEmpty() && quote != null)
            b.append("Quote only: the article's text is not on this server. ");
        b.append("Source: ").append(source == null ? "unknown" : link(source));
        if (paragraph != null)
            b.append(", ").append(href == null ? "paragraph " + paragraph : Html.a(href, "paragraph " + paragraph));
        b.append("</figcaption>\n</figure>\n");
        return b.toString();
    }

    String evidence(Claim c) {
        return evidence(c.source(), c.paragraph(), c.quote());
    }
}
