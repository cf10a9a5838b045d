package org.geokg.wikidata;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.geokg.federation.FederationSettings;

/**
 * {@code kg wikidata check}: compares the label the project recorded for each verified Wikidata item
 * (data/wikidata.csv) with the label a Wikidata endpoint gives it now. The request goes where the
 * federation settings send Wikidata's SERVICE IRI (its allow-list, override, User-Agent and timeout,
 * so a test or an offline mirror is one setting away), with redirects not followed.
 */
public final class LabelCheck {
    private LabelCheck() {}

    /** One row of a wikidata table: the QID, the label recorded, and where ("data/wikidata.csv:3"). */
    public record Entry(String qid, String label, String origin) {}

    /** What the endpoint said about one item that disagrees: its label, or null when it has none. */
    public record Mismatch(Entry entry, String endpointLabel) {
        public String describe() {
            return entry.qid() + ": " + entry.origin() + " says '" + entry.label() + "', "
                    + (endpointLabel == null ? "Wikidata has no English label for it" : "Wikidata says '" + endpointLabel + "'");
        }
    }

    static final int BATCH = 50;

    /** Every row of every CSV file under data/ whose header is a wikidata table's (qid, wikidata_label). */
    public static List<Entry> read(Path home) {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(home.resolve("data"))) {
            for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
                try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                     CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                    if (!p.getHeaderMap().containsKey("qid") || !p.getHeaderMap().containsKey("wikidata_label")) continue;
                    String name = home.relativize(csv).toString();
                    for (CSVRecord rec : p)
                        out.add(new Entry(rec.get("qid").strip(), rec.get("wikidata_label").strip(),
                                name + ":" + (rec.getRecordNumber() + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The entries whose label differs from the endpoint's English label (or that have none there). */
    public static List<Mismatch> check(List<Entry> entries, FederationSettings settings) {
        String target = endpoint(settings);
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < entries.size(); i += BATCH) {
            List<Entry> batch = entries.subList(i, Math.min(entries.size(), i + BATCH));
            StringBuilder q = new StringBuilder("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                    + "SELECT ?item ?label WHERE { VALUES ?item {");
            for (Entry e : batch) q.append(" <http://www.wikidata.org/entity/").append(e.qid()).append('>');
            q.append(" } ?item rdfs:label ?label FILTER(LANG(?label) = \"en\") }");
            try (QueryExecutionHTTP qe = QueryExecutionHTTP.service(target).query(q.toString()).httpClient(client)
                    .httpHeader("User-Agent", settings.userAgent())
                    .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).build()) {
                ResultSet rs = qe.execSelect();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    String uri = s.getResource("item").getURI();
                    labels.put(uri.substring(uri.lastIndexOf('/') + 1), s.getLiteral("label").getLexicalForm());
                }
            }
        }
        List<Mismatch> out = new ArrayList<>();
        for (Entry e : entries) {
            String there = labels.get(e.qid());
            if (!e.label().equals(there)) out.add(new Mismatch(e, there));
        }
        return out;
    }

    /** Where Wikidata's SERVICE IRI goes under these settings; refused when it is not allowed at all. */
    public static String endpoint(FederationSettings settings) {
        if (!settings.isAllowed(FederationSettings.WIKIDATA))
            throw new IllegalArgumentException(FederationSettings.WIKIDATA + " is not on the SERVICE allow-list "
                    + settings.allowed() + "; expected it there (" + FederationSettings.ALLOW_PROPERTY + " / "
                    + FederationSettings.ALLOW_ENV + ")");
        return settings.target(FederationSettings.WIKIDATA);
    }
}
