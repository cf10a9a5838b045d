package org.geokg.pages;

import static org.geokg.pages.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;

/**
 * A statement's page: the claim, its modality and qualifiers, its evidence in its paragraph, whether
 * it is also a plain triple, and for a step of a scenario the whole scenario, step by step.
 */
final class StatementPage {
    private StatementPage() {}

    static String render(Render r, Node iri) {
        GraphView g = r.g;
        if (!g.isClaim(iri)) return null;
        Claim c = Claim.read(g, iri);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"kind\">Statement · ").append(esc(g.label(c.modality()))).append("</p>\n");
        b.append("<h1>").append(r.sentence(c)).append("</h1>\n");
        b.append("<p class=\"iri\"><code>").append(esc(iri.getURI())).append("</code></p>\n");
        b.append("<p class=\"modality-note\">").append(explain(r, c)).append("</p>\n");

        b.append("<h2 id=\"qualifiers\">Claim and qualifiers</h2>\n<table class=\"qualifiers\">\n<tbody>\n");
        row(b, "Subject", r.link(c.subject()));
        row(b, "Property", r.link(c.property()));
        row(b, "Value", r.link(c.object()));
        row(b, "Modality", r.link(c.modality()));
        if (c.likelihood() != null) row(b, "Likelihood", r.link(c.likelihood()));
        if (c.attributedTo() != null) row(b, Claim.FEAR.equals(c.modality()) ? "Held by" : "Attributed to", r.link(c.attributedTo()));
        if (c.scenario() != null) row(b, "Scenario", r.link(c.scenario()));
        if (c.step() != null) row(b, "Step", esc(c.step().toString()));
        for (Map.Entry<Node, Node> t : c.times().entrySet()) row(b, esc(g.label(t.getKey())), esc(t.getValue().getLiteralLexicalForm()));
        if (c.precision() != null) row(b, "Time precision", r.link(c.precision()));
        if (c.note() != null) row(b, "Curator's note", esc(c.note()));
        String definedAt = g.string(iri, Terms.DEFINED_AT);
        if (definedAt != null) row(b, "Curated in", "<code>" + esc(definedAt) + "</code>");
        b.append("</tbody>\n</table>\n");

        b.append("<h2 id=\"evidence\">Evidence</h2>\n").append(r.evidence(c));

        if (c.scenario() != null) {
            List<Claim> steps = new ArrayList<>();
            for (Node s : g.subjects(Terms.SCENARIO, c.scenario())) if (g.isClaim(s)) steps.add(Claim.read(g, s));
            steps.sort(Comparator.comparing((Claim s) -> s.step() == null ? Integer.MAX_VALUE : s.step())
                    .thenComparing(r::sentenceText));
            b.append("<h2 id=\"scenario\">The scenario, step by step: ").append(esc(g.label(c.scenario()))).append("</h2>\n");
            b.append("<ol class=\"steps\">\n");
            boolean open = false;
            Integer current = null;
            for (Claim s : steps) {
                if (!open || !java.util.Objects.equals(current, s.step())) {
                    if (open) b.append("</ul></li>\n");
                    open = true;
                    current = s.step();
                    b.append("<li").append(s.step() == null ? "" : " value=\"" + s.step() + "\"").append("><span class=\"step\">Step ")
                     .append(s.step() == null ? "?" : s.step()).append("</span><ul>\n");
                }
                boolean self = s.iri().equals(iri);
                b.append("<li").append(self ? " class=\"current\" aria-current=\"true\"" : "").append(">")
                 .append(r.sentence(s)).append(" ").append(self ? "<strong>(this statement)</strong>"
                         : EntityPage.statementLink(s, "statement"))
                 .append(" <q>").append(esc(s.quote())).append("</q></li>\n");
            }
            if (open) b.append("</ul></li>\n");
            b.append("</ol>\n");
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String header, String value) {
        b.append("<tr><th scope=\"row\">").append(header).append("</th><td>").append(value).append("</td></tr>\n");
    }

    /** Whether the claim is a plain triple of the graph too, and why (not). */
    private static String explain(Render r, Claim c) {
        GraphView g = r.g;
        if (Claim.STATED_FACT.equals(c.modality())) {
            boolean asserted = c.subject() != null && c.property() != null && c.object() != null
                    && g.has(c.subject(), c.property(), c.object());
            return asserted ? "The article states this as fact, so the graph also holds it as a plain triple."
                    : "The article states this as fact.";
        }
        String what = Claim.ATTRIBUTED_REPORT.equals(c.modality()) ? "a report attributed to someone"
                : Claim.AUTHOR_ASSESSMENT.equals(c.modality()) ? "the author's assessment"
                : Claim.FEAR.equals(c.modality()) ? "a fear"
                : Claim.HYPOTHETICAL.equals(c.modality()) ? "a step of a hypothetical scenario" : esc(g.label(c.modality()));
        return "This is " + what + ", not a stated fact: it is kept as a claim only, never as a plain triple.";
    }
}
