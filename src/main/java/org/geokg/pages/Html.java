package org.geokg.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * HTML text: every value that goes into a page passes through {@link #esc} (text and attribute values
 * alike), so data can never become markup, whatever it contains. Pages are plain HTML with one style
 * sheet and no script.
 */
final class Html {
    private Html() {}

    static final String STYLESHEET = "/assets/geokg.css";

    /** Escapes text for element content and for quoted attribute values. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // control characters other than tab and newline have no place in a page
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') b.append('\uFFFD');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** A link; {@code href} is escaped too (it is built by the pages, never taken from a request). */
    static String a(String href, String text) {
        return "<a href=\"" + esc(href) + "\">" + esc(text) + "</a>";
    }

    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A whole page: title, navigation with a search box, the content, and links to the other formats
     * of the same resource ({@code alternates}: pairs of media type and URL, may be empty).
     */
    static String page(String title, String body, String... alternates) {
        StringBuilder b = new StringBuilder(body.length() + 2048);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .append("<title>").append(esc(title)).append(" · geokg</title>\n")
         .append("<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\">\n");
        for (int i = 0; i + 1 < alternates.length; i += 2)
            b.append("<link rel=\"alternate\" type=\"").append(esc(alternates[i])).append("\" href=\"")
             .append(esc(alternates[i + 1])).append("\">\n");
        b.append("</head>\n<body>\n<header class=\"site\">\n<nav aria-label=\"Site\">\n")
         .append("<a class=\"home\" href=\"/resource/\">geokg</a>\n<ul>\n")
         .append("<li><a href=\"/resource/\">Entities</a></li>\n")
         .append("<li><a href=\"/search\">Search</a></li>\n")
         .append("<li><a href=\"/queries\">Query library</a></li>\n")
         .append("<li><a href=\"/ontology\">Ontology</a></li>\n")
         .append("<li><a href=\"/\">SPARQL (Fuseki UI)</a></li>\n</ul>\n")
         .append("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">")
         .append("<label for=\"site-q\">Search</label> ")
         .append("<input id=\"site-q\" type=\"search\" name=\"q\" maxlength=\"200\"> ")
         .append("<button type=\"submit\">Search</button></form>\n</nav>\n</header>\n")
         .append("<main id=\"content\">\n").append(body).append("\n</main>\n");
        if (alternates.length > 0) {
            b.append("<footer><p>Also as ");
            for (int i = 0; i + 1 < alternates.length; i += 2) {
                if (i > 0) b.append(", ");
                b.append(a(alternates[i + 1], FORMAT_NAMES.getOrDefault(alternates[i], alternates[i])));
            }
            b.append(" (or ask for it with an <code>Accept</code> header).</p></footer>\n");
        }
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static final java.util.Map<String, String> FORMAT_NAMES = java.util.Map.of(
            "text/turtle", "Turtle", "application/ld+json", "JSON-LD", "application/n-triples", "N-Triples");
}
