package org.geokg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.TxnType;
import org.apache.jena.rdf.model.RDFNode;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;

/** Runs SPARQL against a built database, for tests: results as plain strings. */
public final class Sparql {
    public static final String PREFIXES = """
            PREFIX rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX owl:  <http://www.w3.org/2002/07/owl#>
            PREFIX xsd:  <http://www.w3.org/2001/XMLSchema#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX text: <http://jena.apache.org/text#>
            PREFIX kg:   <https://w3id.org/geokg/ontology#>
            PREFIX kgr:  <https://w3id.org/geokg/resource/>
            PREFIX kgs:  <https://w3id.org/geokg/statement/>
            PREFIX src:  <https://w3id.org/geokg/source/>
            PREFIX oa:   <http://www.w3.org/ns/oa#>
            """;

    private Sparql() {}

    /** The rows of a SELECT, each a map from variable to the value's lexical form or IRI. */
    public static List<Map<String, String>> select(Layout layout, Path db, String query) {
        Dataset ds = KgStore.open(layout.configFile(), db);
        try {
            ds.begin(TxnType.READ);
            try (QueryExecution qe = QueryExecution.dataset(ds).query(PREFIXES + query).build()) {
                ResultSet rs = qe.execSelect();
                List<Map<String, String>> rows = new ArrayList<>();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    Map<String, String> row = new LinkedHashMap<>();
                    for (String v : rs.getResultVars()) {
                        RDFNode n = s.get(v);
                        row.put(v, n == null ? null : n.isLiteral() ? n.asLiteral().getLexicalForm() : n.toString());
                    }
                    rows.add(row);
                }
                return rows;
            } finally {
                ds.end();
            }
        } finally {
            KgStore.close(ds);
        }
    }

    /** The values of the single variable of a SELECT, as a sorted set. */
    public static Set<String> column(Layout layout, Path db, String query) {
        Set<String> out = new TreeSet<>();
        for (Map<String, String> row : select(layout, db, query)) out.add(row.values().iterator().next());
        return out;
    }

    public static boolean ask(Layout layout, Path db, String query) {
        Dataset ds = KgStore.open(layout.configFile(), db);
        try {
            ds.begin(TxnType.READ);
            try (QueryExecution qe = QueryExecution.dataset(ds).query(PREFIXES + query).build()) {
                return qe.execAsk();
            } finally {
                ds.end();
            }
        } finally {
            KgStore.close(ds);
        }
    }
}
