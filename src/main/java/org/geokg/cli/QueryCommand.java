package org.geokg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetDescription;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DynamicDatasets;
import org.geokg.federation.Federation;
import org.geokg.query.QueryFiles;
import org.geokg.store.KgStore;
import org.geokg.store.Layout;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs a SPARQL query against the current database. It never loads or reloads: run 'kg load' first.",
                "While 'kg serve' holds the database, the query goes to that server's endpoint (said on stderr): "
                        + "the same data, the same answers. FROM and FROM NAMED are honoured either way, as the endpoint does.",
                "QUERY is a file path or the name of a file under queries/ (with or without .rq)."})
public final class QueryCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

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
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Query q;
        try {
            // ARQ's syntax, a superset of SPARQL 1.1, as Fuseki's endpoint parses it.
            q = QueryFactory.create(text, Syntax.syntaxARQ);
        } catch (QueryParseException e) {
            throw new UserError(file + ":" + e.getLine() + ":" + e.getColumn() + ": " + e.getMessage());
        }
        Path db = database.resolve(layout);
        Optional<ThroughServer> server = ThroughServer.find(db);
        if (server.isPresent()) {
            server.get().say(spec.commandLine().getErr(), "query", db);
            try (QueryExecution qe = server.get().query(text)) {
                write(qe, q, System.out);
            }
            return 0;
        }
        Federation.installFromEnvironment(); // SERVICE: allow-list, kg.service.override, User-Agent
        Dataset ds = Commands.openExisting(layout, db);
        try {
            ds.begin(TxnType.READ);
            try (QueryExecution qe = local(ds.asDatasetGraph(), q)) {
                write(qe, q, System.out);
            } finally {
                ds.end();
            }
        } finally {
            KgStore.close(ds);
        }
        return 0;
    }

    /**
     * The query against the local database, with its FROM and FROM NAMED applied as Fuseki's
     * endpoint applies them: the dataset is narrowed to the graphs named (FROM graphs merged into
     * the default graph), and the query then runs without them. Without a dataset description the
     * default graph is the union of all named graphs, as on the server.
     */
    static QueryExecution local(DatasetGraph dsg, Query q) {
        Query query = q;
        DatasetGraph target = dsg;
        DatasetDescription description = DatasetDescription.create(q);
        if (description != null) {
            target = DynamicDatasets.dynamicDataset(description, dsg, false);
            query = q.cloneQuery();
            query.getGraphURIs().clear();
            query.getNamedGraphURIs().clear();
        }
        return QueryExecution.dataset(DatasetFactory.wrap(target)).query(query).build();
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
