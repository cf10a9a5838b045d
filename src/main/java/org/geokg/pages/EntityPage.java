package org.geokg.pages;

import static org.geokg.pages.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * An entity's page: what the graph says about it and on what evidence. Its names, classes, Wikidata
 * link and description; its facts in both directions; every claim about it grouped by modality, each
 * with the quote marked in its paragraph; a timeline of the dated ones; the entities it is related to.
 */
final class EntityPage {
    private EntityPage() {}

    /** kg:source is a subproperty of it; materialised at load, it repeats the source. */
    static final Node PROV_DERIVED_FROM = Terms.iri(Terms.PROV + "wasDerivedFrom");

    /** Properties shown in the header of the page, not among the facts. */
    static final Set<Node> ABOUT = Set.of(RDF.type.asNode(), RDFS.label.asNode(), Terms.ALT_LABEL, RDFS.comment.asNode(),
            OWL2.sameAs.asNode(), Terms.SOURCE_PROP, Terms.PARAGRAPH, Terms.QUOTE, Terms.DEFINED_AT, PROV_DERIVED_FROM);


    /** The page, or null when the graph says nothing about {@code e}. */
    static String render(Render r, Node e) {
        GraphView g = r.g;
        if (!g.has(e, null, null)) return null;
        String label = g.label(e);
        StringBuilder b = new StringBuilder();
        List<Node> types = g.mostSpecificTypes(e);
        b.append("<p class=\"kind\">");
        for (int i = 0; i < types.size(); i++) b.append(i > 0 ? ", " : "").append(r.link(types.get(i)));
        b.append("</p>\n<h1>").append(esc(label)).append("</h1>\n");
        b.append("<p class=\"iri\"><code>").append(esc(e.getURI())).append("</code></p>\n");

        // --- about
        b.append("<dl class=\"about\">\n");
        List<String> alt = new ArrayList<>();
        for (Node n : g.objects(e, Terms.ALT_LABEL)) alt.add(g.label(n));
        alt.sort(String.CASE_INSENSITIVE_ORDER);
        if (!alt.isEmpty()) {
            b.append("<dt>Other names</dt><dd>");
            for (int i = 0; i < alt.size(); i++) b.append(i > 0 ? "; " : "").append(esc(alt.get(i)));
            b.append("</dd>\n");
        }
        List<Node> all = g.objects(e, RDF.type.asNode());
        b.append("<dt>Classes</dt><dd>");
        for (int i = 0; i < types.size(); i++) b.append(i > 0 ? ", " : "").append(r.link(types.get(i)));
        if (all.size() > types.size()) {
            b.append(" <span class=\"implied\">(and so also ");
            boolean first = true;
            for (Node t : all) {
                if (types.contains(t)) continue;
                b.append(first ? "" : ", ").append(r.link(t));
                first = false;
            }
            b.append(")</span>");
        }
        b.append("</dd>\n");
        for (Node same : g.objects(e, OWL2.sameAs.asNode())) {
            if (!same.isURI() || !same.getURI().startsWith(Terms.WIKIDATA_ENTITY)) continue;
            String q = same.getURI().substring(Terms.WIKIDATA_ENTITY.length());
            if (!q.matches("Q[0-9]{1,12}")) continue;
            b.append("<dt>Wikidata</dt><dd>").append(Html.a("https://www.wikidata.org/wiki/" + q, q)).append("</dd>\n");
        }
        String description = g.string(e, RDFS.comment.asNode());
        if (description != null) b.append("<dt>Description</dt><dd>").append(esc(description)).append("</dd>\n");
        String definedAt = g.string(e, Terms.DEFINED_AT);
        if (definedAt != null) b.append("<dt>Curated in</dt><dd><code>").append(esc(definedAt)).append("</code></dd>\n");
        b.append("</dl>\n");
        String quote = g.string(e, Terms.QUOTE);
        if (quote != null) {
            b.append("<h2 id=\"mentioned\">Where the article names it</h2>\n");
            b.append(r.evidence(g.one(e, Terms.SOURCE_PROP), integer(g.string(e, Terms.PARAGRAPH)), quote));
        }

        // --- facts, both directions
        List<Triple> out = new ArrayList<>(), in = new ArrayList<>();
        for (Triple t : g.find(e, null, null)) if (!ABOUT.contains(t.getPredicate())) out.add(t);
        for (Triple t : g.find(null, null, e))
            if (!ABOUT.contains(t.getPredicate()) && !g.isClaim(t.getSubject())
                    && !t.getPredicate().equals(RDFS.subClassOf.asNode())) in.add(t);
        Comparator<Triple> byProperty = Comparator.comparing((Triple t) -> g.label(t.getPredicate()))
                .thenComparing(t -> g.label(t.getObject())).thenComparing(t -> g.label(t.getSubject()));
        out.sort(byProperty);
        in.sort(byProperty);
        b.append("<section aria-labelledby=\"facts\">\n<h2 id=\"facts\">Facts</h2>\n");
        b.append("<p class=\"help\">Plain triples of the graph. A fact with a paragraph is stated by the article; "
                + "one marked <em>implied</em> follows from the ontology (an inverse, symmetric or broader property) "
                + "and was written at load time.</p>\n");
        b.append(factTable(r, "facts-out", esc(label) + " → …", out, true));
        b.append(factTable(r, "facts-in", "… → " + esc(label), in, false));
        b.append("</section>\n");

        // --- claims by modality
        List<Claim> claims = g.claimsAbout(e);
        claims.sort(Comparator.comparing((Claim c) -> c.paragraph() == null ? Integer.MAX_VALUE : c.paragraph())
                .thenComparing(c -> c.step() == null ? 0 : c.step()).thenComparing(c -> c.iri().getURI()));
        Map<Node, List<Claim>> byModality = new LinkedHashMap<>();
        for (Node m : Claim.MODALITY_HEADINGS.keySet()) byModality.put(m, new ArrayList<>());
        for (Claim c : claims) byModality.computeIfAbsent(c.modality(), k -> new ArrayList<>()).add(c);
        b.append("<section aria-labelledby=\"claims\">\n<h2 id=\"claims\">Claims, by modality (")
         .append(claims.size()).append(")</h2>\n");
        b.append("<p class=\"help\">Every statement the sources make about ").append(esc(label))
         .append(", with its evidence. Only stated facts are plain triples; reports, assessments, fears and "
                 + "hypotheticals stay claims.</p>\n");
        b.append("<nav aria-label=\"Modalities\"><ul class=\"inline\">");
        for (Map.Entry<Node, List<Claim>> m : byModality.entrySet())
            b.append("<li><a href=\"#").append(anchor(m.getKey())).append("\">").append(esc(heading(g, m.getKey())))
             .append("</a> (").append(m.getValue().size()).append(")</li>");
        b.append("</ul></nav>\n");
        for (Map.Entry<Node, List<Claim>> m : byModality.entrySet()) {
            b.append("<section class=\"modality-group\" aria-labelledby=\"").append(anchor(m.getKey())).append("\">\n");
            b.append("<h3 id=\"").append(anchor(m.getKey())).append("\">").append(esc(heading(g, m.getKey())))
             .append(" (").append(m.getValue().size()).append(")</h3>\n");
            if (m.getValue().isEmpty()) {
                b.append("<p class=\"none\">None.</p>\n");
            } else {
                b.append("<ol class=\"claims\">\n");
                for (Claim c : m.getValue()) b.append(claimItem(r, c));
                b.append("</ol>\n");
            }
            b.append("</section>\n");
        }
        b.append("</section>\n");

        // --- timeline
        List<Claim> dated = new ArrayList<>();
        for (Claim c : claims) if (c.sortDate() != null) dated.add(c);
        dated.sort(Comparator.comparing(Claim::sortDate).thenComparing(c -> c.iri().getURI()));
        b.append("<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n");
        if (dated.isEmpty()) {
            b.append("<p class=\"none\">No dated claims.</p>\n");
        } else {
            b.append("<table class=\"timeline\">\n<caption>Dated claims about ").append(esc(label))
             .append(", at the precision the source gives</caption>\n")
             .append("<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Claim</th><th scope=\"col\">Modality</th>")
             .append("<th scope=\"col\">Statement</th></tr></thead>\n<tbody>\n");
            for (Claim c : dated)
                b.append("<tr><td>").append(esc(r.when(c))).append("</td><td>").append(r.sentence(c)).append("</td><td>")
                 .append(r.modality(c)).append("</td><td>").append(statementLink(c, "paragraph " + c.paragraph()))
                 .append("</td></tr>\n");
            b.append("</tbody>\n</table>\n");
        }
        b.append("</section>\n");

        // --- related entities
        Map<Node, Integer> related = new TreeMap<>(Comparator.comparing((Node n) -> g.label(n).toLowerCase(java.util.Locale.ROOT))
                .thenComparing(Node::getURI));
        for (Triple t : out) countRelated(related, t.getObject(), e);
        for (Triple t : in) countRelated(related, t.getSubject(), e);
        for (Claim c : claims) for (Node n : new LinkedHashSet<>(c.mentioned())) countRelated(related, n, e);
        b.append("<section aria-labelledby=\"related\">\n<h2 id=\"related\">Related entities (").append(related.size())
         .append(")</h2>\n");
        if (related.isEmpty()) b.append("<p class=\"none\">None.</p>\n");
        else {
            b.append("<ul class=\"related\">\n");
            for (Map.Entry<Node, Integer> x : related.entrySet())
                b.append("<li>").append(r.link(x.getKey())).append(" <span class=\"count\">(").append(x.getValue())
                 .append(x.getValue() == 1 ? " fact or claim" : " facts and claims").append(")</span></li>\n");
            b.append("</ul>\n");
        }
        b.append("</section>\n");
        return b.toString();
    }

    private static void countRelated(Map<Node, Integer> related, Node n, Node self) {
        if (n == null || !n.isURI() || n.equals(self) || !n.getURI().startsWith(Terms.RESOURCE)) return;
        related.merge(n, 1, Integer::sum);
    }

    private static String factTable(Render r, String id, String caption, List<Triple> facts, boolean outgoing) {
        GraphView g = r.g;
        StringBuilder b = new StringBuilder();
        b.append("<table class=\"facts\" id=\"").append(id).append("\">\n<caption>").append(caption)
         .append(" (").append(facts.size()).append(")</caption>\n<thead><tr>");
        if (!outgoing) b.append("<th scope=\"col\">Subject</th>");
        b.append("<th scope=\"col\">Property</th>");
        if (outgoing) b.append("<th scope=\"col\">Value</th>");
        b.append("<th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
        if (facts.isEmpty()) b.append("<tr><td colspan=\"3\" class=\"none\">None.</td></tr>\n");
        for (Triple t : facts) {
            Node claim = g.factClaim(t.getSubject(), t.getPredicate(), t.getObject());
            b.append("<tr>");
            if (!outgoing) b.append("<td>").append(r.link(t.getSubject())).append("</td>");
            b.append("<td>").append(r.link(t.getPredicate())).append("</td>");
            if (outgoing) b.append("<td>").append(r.link(t.getObject())).append("</td>");
            b.append("<td>");
            if (claim == null) b.append("<em class=\"implied\">implied</em>");
            else {
                Integer p = integer(g.string(claim, Terms.PARAGRAPH));
                b.append(statementLink(Claim.read(g, claim), p == null ? "statement" : "paragraph " + p));
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        return b.toString();
    }

    /** One claim in a list: the triple, its modality and dates, its evidence, a link to its page. */
    static String claimItem(Render r, Claim c) {
        StringBuilder b = new StringBuilder("<li class=\"claim\">\n<p class=\"claim-line\">").append(r.sentence(c))
                .append(" <span class=\"qualifiers\">— ").append(r.modality(c));
        String when = r.when(c);
        if (!when.isEmpty()) b.append("; ").append(esc(when));
        b.append("</span> ").append(statementLink(c, "statement")).append("</p>\n");
        b.append(r.evidence(c)).append("</li>\n");
        return b.toString();
    }

    static String statementLink(Claim c, String text) {
        String id = Iris.id(c.iri(), Iris.Kind.STATEMENT);
        return id == null ? esc(text) : "<a class=\"statement-link\" href=\"/statement/" + esc(id) + "\">" + esc(text) + "</a>";
    }

    static String heading(GraphView g, Node modality) {
        String h = Claim.MODALITY_HEADINGS.get(modality);
        return h != null ? h : g.label(modality);
    }

    static String anchor(Node modality) {
        String s = modality == null ? "other" : GraphView.shortForm(modality.getURI());
        return "m-" + s.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
