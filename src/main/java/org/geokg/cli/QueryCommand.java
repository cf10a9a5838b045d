package org.geokg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.geokg.federation.Federation;
import org.geokg.query.QueryFiles;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs a SPARQL query against the current local database, without a server. "
                + "It never loads or reloads: run 'kg load' first.",
                "QUERY is a file path or the name of a file under queries/ (with or without .rq)."})
public final class QueryCommand implements Callable<Integer> {
    public enum Format { table, csv, tsv, json }

    @Parameters(index = "0", paramLabel = "QUERY", description = "A .rq file, or a query name under queries/.")
    String query;

    @Option(names = "--format", defaultValue = "table",
            description = "Result format of SELECT and ASK: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "CONSTRUCT and DESCRIBE print Turtle.")
    Format format;

    @Mixin DatabaseOption database;

    @Override
    public Integer call() throws IOException {
        Layout layout = Commands.layout();
        Path file = QueryFiles.resolve(layout.queriesDir(), query);
        if (file == null)
            throw new UserError("no query '" + query + "': not a file, nor a name under " + layout.queriesDir()
                    + "; known names: " + String.join(", ", QueryFiles.names(layout.queriesDir())));
        Query q;
        try {
            q = QueryFactory.create(Files.readString(file, StandardCharsets.UTF_8));
        } catch (QueryParseException e) {
            throw new UserError(file + ":" + e.getLine() + ":" + e.getColumn() + ": " + e.getMessage());
        }
        Federation.installFromEnvironment(); // SERVICE: allow-list, kg.service.override, User-Agent
        Dataset ds = Commands.openExisting(layout, database.resolve(layout));
        try {
            ds.begin(TxnType.READ);
            try (QueryExecution qe = QueryExecution.dataset(ds).query(q).build()) {
                write(qe, q, System.out);
            } finally {
                ds.end();
            }
        } finally {
            KgStore.close(ds);
        }
        return 0;
    }

    private void write(QueryExecution qe, Query q, PrintStream out) {
        switch (q.queryType()) {
            case SELECT -> {
                ResultSet rs = qe.execSelect();
                switch (format) {
                    case table -> ResultSetFormatter.out(out, rs, q.getPrologue());
                    case csv -> ResultSetMgr.write(out, rs, ResultSetLang.RS_CSV);
                    case tsv -> ResultSetMgr.write(out, rs, ResultSetLang.RS_TSV);
                    case json -> ResultSetMgr.write(out, rs, ResultSetLang.RS_JSON);
                }
            }
            case ASK -> {
                boolean b = qe.execAsk();
                switch (format) {
                    case json -> ResultSetMgr.write(out, b, ResultSetLang.RS_JSON);
                    case csv -> ResultSetMgr.write(out, b, ResultSetLang.RS_CSV);
                    case tsv -> ResultSetMgr.write(out, b, ResultSetLang.RS_TSV);
                    default -> out.println(b ? "yes" : "no");
                }
            }
            case CONSTRUCT -> RDFDataMgr.write(out, qe.execConstruct(), Lang.TURTLE);
            case DESCRIBE -> RDFDataMgr.write(out, qe.execDescribe(), Lang.TURTLE);
            default -> throw new UserError("unsupported query type: " + q.queryType());
        }
        out.flush();
    }

}
