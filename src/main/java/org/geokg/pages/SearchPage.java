package org.geokg.pages;

import static org.geokg.pages.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;

/**
 * {@code /search?q=...}: full-text search (jena-text, the Lucene index of fuseki-config/config.ttl)
 * over labels, other names, descriptions and evidence quotes. Each hit shows what it is, its label,
 * and the matching text with the search words marked.
 */
final class SearchPage {
    private SearchPage() {}

    static final int MAX_QUERY_LENGTH = 200;
    static final int LIMIT_PER_FIELD = 100;

    /** The user's words go in as one literal, substituted into the parsed query: never as SPARQL text. */
    private static final String SPARQL = """
            PREFIX text: <http://jena.apache.org/text#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX kg:   <https://w3id.org/geokg/ontology#>
            SELECT ?s ?score ?text ?field WHERE {
              { (?s ?score ?text) text:query (rdfs:label ?q %1$d) BIND("label" AS ?field) }
              UNION { (?s ?score ?text) text:query (skos:altLabel ?q %1$d) BIND("other name" AS ?field) }
              UNION { (?s ?score ?text) text:query (rdfs:comment ?q %1$d) BIND("description" AS ?field) }
              UNION { (?s ?score ?text) text:query (kg:quote ?q %1$d) BIND("quote" AS ?field) }
            }
            ORDER BY DESC(?score)
            """.formatted(LIMIT_PER_FIELD);

    record Hit(Node node, double score, List<String[]> matches) {}

    /** The page; {@code q} may be null (the empty form). Throws {@link BadSearch} for a query Lucene cannot parse. */
    static String render(Render r, String q, long timeoutMillis) {
        String query = q == null ? "" : q.strip();
        StringBuilder b = new StringBuilder(form(query));
        if (query.isEmpty()) return b.toString();
        if (query.length() > MAX_QUERY_LENGTH)
            throw new BadSearch("the search is longer than " + MAX_QUERY_LENGTH + " characters");
        List<Hit> hits = search(r.g, query, timeoutMillis);
        b.append("<h2 id=\"results\">").append(hits.size()).append(hits.size() == 1 ? " result" : " results")
         .append(" for <q>").append(esc(query)).append("</q></h2>\n");
        if (hits.isEmpty()) return b.append("<p class=\"none\">Nothing matches.</p>\n").toString();
        Set<String> words = words(query);
        b.append("<ol class=\"results\">\n");
        for (Hit h : hits) {
            b.append("<li>").append(title(r, h.node())).append(" <span class=\"kind\">").append(esc(kind(r.g, h.node())))
             .append("</span>\n<ul class=\"matches\">\n");
            for (String[] m : h.matches())
                b.append("<li><span class=\"field\">").append(esc(m[0])).append(":</span> ")
                 .append(snippet(m[1], words)).append("</li>\n");
            b.append("</ul></li>\n");
        }
        b.append("</ol>\n");
        return b.toString();
    }

    /** The heading and the search form, filled with the user's words. */
    static String form(String query) {
        return "<h1>Search</h1>\n<form class=\"search-page\" action=\"/search\" method=\"get\" role=\"search\">\n"
                + "<label for=\"q\">Words in labels, other names, descriptions and evidence quotes</label>\n"
                + "<input id=\"q\" type=\"search\" name=\"q\" maxlength=\"" + MAX_QUERY_LENGTH + "\" value=\""
                + esc(query) + "\">\n<button type=\"submit\">Search</button>\n"
                + "<p class=\"help\">Lucene syntax: <code>Houthi*</code> (prefix), <code>\"arms supply\"</code> (phrase), "
                + "<code>SWIFT OR crypto*</code>.</p>\n</form>\n";
    }

    static List<Hit> search(GraphView g, String query, long timeoutMillis) {
        Map<Node, Hit> hits = new LinkedHashMap<>();
        try (QueryExec qe = QueryExec.dataset(g.dataset).query(SPARQL)
                .substitution("q", NodeFactory.createLiteralString(query))
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS).build()) {
            RowSet rows = qe.select();
            while (rows.hasNext()) {
                Binding row = rows.next();
                Node n = row.get("s");
                if (n == null || !n.isURI()) continue;
                Node score = row.get("score");
                Node text = row.get("text");
                Node field = row.get("field");
                double sc = score != null && score.isLiteral() ? Double.parseDouble(score.getLiteralLexicalForm()) : 0;
                String tx = text != null && text.isLiteral() ? text.getLiteralLexicalForm() : "";
                String f = field == null ? "" : field.getLiteralLexicalForm();
                Hit h = hits.computeIfAbsent(n, k -> new Hit(k, sc, new ArrayList<>()));
                boolean dup = h.matches().stream().anyMatch(m -> m[0].equals(f) && m[1].equals(tx));
                if (!dup) h.matches().add(new String[] { f, tx });
            }
        } catch (RuntimeException e) {
            if (isParseError(e)) throw new BadSearch("the search could not be understood (" + rootMessage(e) + ")");
            throw e;
        }
        return new ArrayList<>(hits.values());
    }

    private static boolean isParseError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.contains("ParseException") || name.contains("TextIndexException") || name.contains("TooManyClauses"))
                return true;
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        m = m.lines().findFirst().orElse("");
        return m.length() > 160 ? m.substring(0, 160) + "…" : m;
    }

    private static String title(Render r, Node n) {
        GraphView g = r.g;
        if (g.isClaim(n)) {
            Claim c = Claim.read(g, n);
            return EntityPage.statementLink(c, r.sentenceText(c));
        }
        return r.link(n);
    }

    private static String kind(GraphView g, Node n) {
        String iri = n.getURI();
        if (g.isClaim(n)) return "statement (" + g.label(g.one(n, Terms.MODALITY)) + ")";
        if (iri.startsWith(Terms.RESOURCE)) return "entity";
        if (iri.startsWith(Terms.KG)) return "ontology term";
        if (iri.startsWith(Terms.SOURCE)) return "source";
        return "other";
    }

    /** The words of the search (without Lucene's operators), lower case; a trailing * marks a prefix. */
    static Set<String> words(String query) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}]+\\*?").matcher(query);
        while (m.find()) {
            String w = m.group();
            if (w.equals("AND") || w.equals("OR") || w.equals("NOT") || w.equals("TO")) continue;
            out.add(w.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

    /** The text, shortened around the first match when long, with matching words in {@code <mark>}. */
    static String snippet(String text, Set<String> words) {
        List<int[]> marks = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group().toLowerCase(Locale.ROOT);
            for (String w : words) {
                boolean prefix = w.endsWith("*");
                String stem = prefix ? w.substring(0, w.length() - 1) : w;
                if (stem.isEmpty()) continue;
                if (prefix ? token.startsWith(stem) : token.equals(stem)) {
                    marks.add(new int[] { m.start(), m.end() });
                    break;
                }
            }
        }
        int from = 0, to = text.length();
        final int window = 240;
        if (text.length() > window) {
            int first = marks.isEmpty() ? 0 : marks.get(0)[0];
            from = Math.max(0, first - window / 3);
            to = Math.min(text.length(), from + window);
        }
        StringBuilder b = new StringBuilder(from > 0 ? "…" : "");
        int at = from;
        for (int[] k : marks) {
            if (k[0] < from || k[1] > to) continue;
            b.append(esc(text.substring(at, k[0]))).append("<mark>").append(esc(text.substring(k[0], k[1]))).append("</mark>");
            at = k[1];
        }
        b.append(esc(text.substring(at, to))).append(to < text.length() ? "…" : "");
        return b.toString();
    }

    /** A search the index cannot run: the page says why (HTTP 400). */
    static final class BadSearch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadSearch(String message) {
            super(message);
        }
    }
}
