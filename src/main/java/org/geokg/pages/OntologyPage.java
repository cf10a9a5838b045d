package org.geokg.pages;

import static org.geokg.pages.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/** The ontology's page: every class, property and individual with its label and definition, each at {@code #Name}. */
final class OntologyPage {
    private OntologyPage() {}

    static String render(Render r) {
        GraphView g = r.g;
        Graph onto = g.dataset.getGraph(Terms.ONTOLOGY_GRAPH);
        Map<String, List<Node>> kinds = new LinkedHashMap<>();
        kinds.put("Classes", new ArrayList<>());
        kinds.put("Object properties", new ArrayList<>());
        kinds.put("Datatype properties", new ArrayList<>());
        kinds.put("Individuals", new ArrayList<>());
        for (Node s : subjects(onto)) {
            if (!s.isURI() || !s.getURI().startsWith(Terms.KG) || Iris.localPath(s.getURI()) == null) continue;
            String kind = onto.contains(s, RDF.type.asNode(), OWL2.Class.asNode()) ? "Classes"
                    : onto.contains(s, RDF.type.asNode(), OWL2.ObjectProperty.asNode()) ? "Object properties"
                    : onto.contains(s, RDF.type.asNode(), OWL2.DatatypeProperty.asNode()) ? "Datatype properties"
                    : "Individuals";
            kinds.get(kind).add(s);
        }
        StringBuilder b = new StringBuilder();
        String title = g.string(Terms.iri(Terms.ONTOLOGY_IRI), Terms.TITLE);
        b.append("<h1>").append(esc(title == null ? "geokg ontology" : title)).append("</h1>\n");
        b.append("<p class=\"iri\"><code>").append(esc(Terms.KG)).append("</code></p>\n");
        b.append("<nav aria-label=\"Kinds of term\"><ul class=\"inline\">");
        for (Map.Entry<String, List<Node>> k : kinds.entrySet())
            b.append("<li><a href=\"#").append(anchor(k.getKey())).append("\">").append(esc(k.getKey())).append("</a> (")
             .append(k.getValue().size()).append(")</li>");
        b.append("</ul></nav>\n");
        for (Map.Entry<String, List<Node>> k : kinds.entrySet()) {
            List<Node> terms = k.getValue();
            terms.sort(Comparator.comparing(Node::getURI));
            b.append("<section aria-labelledby=\"").append(anchor(k.getKey())).append("\">\n<h2 id=\"")
             .append(anchor(k.getKey())).append("\">").append(esc(k.getKey())).append("</h2>\n");
            b.append("<table class=\"terms\">\n<thead><tr><th scope=\"col\">Term</th><th scope=\"col\">Label</th>")
             .append("<th scope=\"col\">Definition</th><th scope=\"col\">Relations</th></tr></thead>\n<tbody>\n");
            for (Node t : terms) {
                String local = t.getURI().substring(Terms.KG.length());
                b.append("<tr id=\"").append(esc(local)).append("\"><th scope=\"row\"><code>kg:").append(esc(local))
                 .append("</code></th><td>").append(esc(g.label(t))).append("</td><td>")
                 .append(esc(first(onto, t, RDFS.comment.asNode()))).append("</td><td>")
                 .append(relations(r, onto, t)).append("</td></tr>\n");
            }
            b.append("</tbody>\n</table>\n</section>\n");
        }
        return b.toString();
    }

    private static String relations(Render r, Graph onto, Node t) {
        StringBuilder b = new StringBuilder();
        Map<Node, String> shown = new LinkedHashMap<>();
        shown.put(RDFS.subClassOf.asNode(), "subclass of");
        shown.put(RDFS.subPropertyOf.asNode(), "subproperty of");
        shown.put(OWL2.inverseOf.asNode(), "inverse of");
        shown.put(RDFS.domain.asNode(), "domain");
        shown.put(RDFS.range.asNode(), "range");
        shown.put(RDF.type.asNode(), "a");
        for (Map.Entry<Node, String> p : shown.entrySet()) {
            List<String> values = new ArrayList<>();
            for (Triple x : onto.find(t, p.getKey(), Node.ANY).toList()) {
                Node o = x.getObject();
                if (!o.isURI()) continue;                               // restrictions stay in the Turtle
                if (p.getKey().equals(RDF.type.asNode()) && o.getURI().startsWith(OWL2.getURI())) continue;
                values.add(r.link(o));
            }
            if (!values.isEmpty())
                b.append(b.length() == 0 ? "" : "<br>").append(esc(p.getValue())).append(": ").append(String.join(", ", values));
        }
        return b.toString();
    }

    private static List<Node> subjects(Graph onto) {
        List<Node> out = new ArrayList<>();
        java.util.Set<Node> seen = new java.util.HashSet<>();
        for (Triple t : onto.find(Node.ANY, RDF.type.asNode(), Node.ANY).toList())
            if (seen.add(t.getSubject())) out.add(t.getSubject());
        return out;
    }

    private static String first(Graph onto, Node s, Node p) {
        for (Triple t : onto.find(s, p, Node.ANY).toList())
            if (t.getObject().isLiteral()) return t.getObject().getLiteralLexicalForm();
        return "";
    }

    private static String anchor(String kind) {
        return "k-" + kind.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
    }
}
