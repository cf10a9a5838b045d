package org.geokg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.TxnType;
import org.apache.jena.rdf.model.RDFNode;

/**
 * The expected results under queries/expected/ (format: queries/expected/README.md) and how a query's
 * actual results are compared with them.
 */
public final class ExpectedResults {
    private ExpectedResults() {}

    /** Prefixes used to write IRIs in the expected files; longest namespace first where they nest. */
    public static final Map<String, String> PREFIXES = new LinkedHashMap<>();
    static {
        PREFIXES.put("kgr", "https://w3id.org/geokg/resource/");
        PREFIXES.put("gdelt", "https://w3id.org/geokg/gdelt/event/");
        PREFIXES.put("kgs", "https://w3id.org/geokg/statement/");
        PREFIXES.put("src", "https://w3id.org/geokg/source/");
        PREFIXES.put("kg", "https://w3id.org/geokg/ontology#");
        PREFIXES.put("cameo", "https://w3id.org/geokg/cameo/");
        PREFIXES.put("wd", "http://www.wikidata.org/entity/");
        PREFIXES.put("wdt", "http://www.wikidata.org/prop/direct/");
        PREFIXES.put("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        PREFIXES.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        PREFIXES.put("owl", "http://www.w3.org/2002/07/owl#");
        PREFIXES.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        PREFIXES.put("skos", "http://www.w3.org/2004/02/skos/core#");
        PREFIXES.put("prov", "http://www.w3.org/ns/prov#");
    }

    /** Finds SERVICE clauses: queries with one are federated and run against the Wikidata fixture. */
    public static final Pattern SERVICE = Pattern.compile("(?i)\\bSERVICE\\b");

    /** An expected result: header variables, rows (cells as written), and whether order matters. */
    public record Expected(Path file, List<String> vars, List<List<String>> rows, boolean ordered) {}

    public static Path expectedFile(Path queriesDir, String name) {
        return queriesDir.resolve("expected").resolve(name + ".csv");
    }

    public static Expected read(Path csv) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean ordered = text.lines().anyMatch(l -> l.strip().equalsIgnoreCase("# ordered"));
        CSVFormat fmt = CSVFormat.RFC4180.builder().setCommentMarker('#').setIgnoreEmptyLines(true).build();
        List<String> vars = null;
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(new StringReader(text), fmt)) {
            for (CSVRecord r : p) {
                List<String> cells = r.toList();
                if (vars == null) {
                    vars = cells;
                    continue;
                }
                if (cells.size() != vars.size())
                    throw new IllegalStateException(csv + ":" + r.getRecordNumber() + ": " + cells.size()
                            + " cells, but the header has " + vars.size());
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (vars == null) throw new IllegalStateException(csv + ": no header line");
        return new Expected(csv, vars, rows, ordered);
    }

    /** A node as the expected files write it. */
    public static String render(RDFNode n) {
        if (n == null) return "";
        if (n.isAnon()) return "_:";
        if (n.isLiteral()) return n.asLiteral().getLexicalForm();
        String iri = n.asResource().getURI();
        for (Map.Entry<String, String> e : PREFIXES.entrySet()) {
            String local = iri.startsWith(e.getValue()) ? iri.substring(e.getValue().length()) : null;
            if (local != null && !local.isEmpty() && !local.contains("/") && !local.contains("#"))
                return e.getKey() + ":" + local;
        }
        return "<" + iri + ">";
    }

    /** Runs a SELECT over {@code ds} and renders the rows for the given variables. */
    public static List<List<String>> run(Dataset ds, String queryText, List<String> vars) {
        Query q = QueryFactory.create(queryText);
        assertTrue(q.isSelectType(), "the library holds SELECT queries");
        for (String v : vars)
            assertTrue(q.getResultVars().contains(v), "expected column ?" + v + " is not a result variable of the query: "
                    + q.getResultVars());
        List<List<String>> rows = new ArrayList<>();
        ds.begin(TxnType.READ);
        try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                List<String> row = new ArrayList<>();
                for (String v : vars) row.add(render(s.get(v)));
                rows.add(row);
            }
        } finally {
            ds.end();
        }
        return rows;
    }

    /** Compares as sets (and, for "# ordered" files, also the order); the message shows the difference. */
    public static void assertMatches(Expected expected, List<List<String>> actual) {
        Set<List<String>> exp = new LinkedHashSet<>(expected.rows());
        Set<List<String>> act = new LinkedHashSet<>(actual);
        if (!exp.equals(act)) {
            Set<List<String>> missing = new LinkedHashSet<>(exp);
            missing.removeAll(act);
            Set<List<String>> unexpected = new LinkedHashSet<>(act);
            unexpected.removeAll(exp);
            fail(expected.file().getFileName() + ": results differ from the expected set " + expected.vars()
                    + "\n  missing (" + missing.size() + "): " + lines(missing)
                    + "\n  unexpected (" + unexpected.size() + "): " + lines(unexpected));
        }
        if (expected.ordered())
            assertEquals(lines(expected.rows()), lines(actual), expected.file().getFileName() + ": order differs");
    }

    private static String lines(Iterable<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) sb.append("\n    ").append(String.join(" | ", r));
        return sb.toString();
    }
}
