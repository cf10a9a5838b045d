package org.geokg.pages;

import static org.geokg.pages.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.geokg.query.QueryFiles;

/**
 * {@code /queries}: the query library (queries/*.rq), each query with the question it answers and a
 * link that opens it in the Fuseki UI's query editor on this server.
 */
final class QueryLibraryPage {
    private QueryLibraryPage() {}

    static final String QUESTION = "# Question:";

    static String render(Path queriesDir, String datasetName) {
        StringBuilder b = new StringBuilder("<h1>Query library</h1>\n");
        var names = QueryFiles.names(queriesDir);
        b.append("<p>").append(names.size()).append(" ready-made SPARQL queries from <code>queries/</code>. "
                + "Each opens in the Fuseki query editor, where ▶ runs it; results carry a label beside every IRI.</p>\n");
        b.append("<table class=\"queries\">\n<caption>Queries and the questions they answer</caption>\n")
         .append("<thead><tr><th scope=\"col\">Query</th><th scope=\"col\">Question</th><th scope=\"col\">Open</th></tr></thead>\n<tbody>\n");
        for (String name : names) {
            String text;
            try {
                text = Files.readString(queriesDir.resolve(name + ".rq"), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                continue;   // removed or unreadable since it was listed
            }
            String question = text.lines().filter(l -> l.startsWith(QUESTION)).findFirst()
                    .map(l -> l.substring(QUESTION.length()).strip()).orElse("");
            String editor = "/#/dataset/" + Html.url(datasetName) + "/query?query=" + Html.url(text);
            b.append("<tr id=\"q-").append(esc(name)).append("\"><th scope=\"row\"><code>").append(esc(name))
             .append("</code></th><td>").append(esc(question)).append("<details><summary>SPARQL</summary><pre><code>")
             .append(esc(text)).append("</code></pre></details></td><td>")
             .append("<a class=\"open-query\" href=\"").append(esc(editor)).append("\">Open in the query editor</a></td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        return b.toString();
    }
}
