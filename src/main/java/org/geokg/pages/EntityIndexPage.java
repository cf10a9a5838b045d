package org.geokg.pages;

import static org.geokg.pages.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDFS;

/** {@code /resource/}: every entity of the graph, by label, with its classes. */
final class EntityIndexPage {
    private EntityIndexPage() {}

    static String render(Render r) {
        GraphView g = r.g;
        Set<Node> entities = new LinkedHashSet<>();
        for (Triple t : g.find(null, RDFS.label.asNode(), null))
            if (t.getSubject().isURI() && t.getSubject().getURI().startsWith(Terms.RESOURCE)) entities.add(t.getSubject());
        List<Node> sorted = new ArrayList<>(entities);
        sorted.sort(Comparator.comparing((Node n) -> g.label(n).toLowerCase(Locale.ROOT)).thenComparing(Node::getURI));
        StringBuilder b = new StringBuilder("<h1>Entities</h1>\n");
        b.append("<p>").append(sorted.size()).append(" entities: states, groups, people, places, arms, events, "
                + "agreements, scenarios. Each page shows what the graph says about it and on what evidence. "
                + "Or <a href=\"/search\">search</a> labels and quotes.</p>\n");
        b.append("<table class=\"index\">\n<caption>All entities, by label</caption>\n<thead><tr><th scope=\"col\">Entity</th>")
         .append("<th scope=\"col\">Classes</th><th scope=\"col\">Claims</th></tr></thead>\n<tbody>\n");
        for (Node e : sorted) {
            List<Node> types = g.mostSpecificTypes(e);
            b.append("<tr><td>").append(r.link(e)).append("</td><td>");
            for (int i = 0; i < types.size(); i++) b.append(i > 0 ? ", " : "").append(esc(g.label(types.get(i))));
            b.append("</td><td class=\"number\">").append(g.claimsAbout(e).size()).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        return b.toString();
    }
}
