package org.geokg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.lang.LabelToNode;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.geokg.serve.RunningServer;

/**
 * {@code kg query} and {@code kg export} through the {@code kg serve} that holds the database
 * (TDB2 lets one process open it): the same dataset, the same generation, the same answers,
 * with {@code FROM} and {@code FROM NAMED} applied by the server exactly as for any HTTP client.
 * The commands say on stderr when they go this way.
 */
final class ThroughServer {
    /** HTTP/1.1: the server does not take up an h2c upgrade, and a client offering one waits. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private final RunningServer server;

    private ThroughServer(RunningServer server) {
        this.server = server;
    }

    /**
     * The running server holding the database at {@code dbDir}, if there is one and it is ready
     * ({@code GET /ready} answers 200); otherwise the command opens the database itself.
     */
    static Optional<ThroughServer> find(Path dbDir) {
        return RunningServer.find(dbDir).filter(ThroughServer::ready).map(ThroughServer::new);
    }

    private static boolean ready(RunningServer s) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(s.ready()).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void say(PrintWriter err, String command, Path dbDir) {
        err.println("kg " + command + ": " + dbDir + " is served by kg serve (pid " + server.pid() + "); asking it at "
                + (command.equals("export") ? server.graphStore() : server.sparql()));
        err.flush();
    }

    /** The query, as written (with its FROM and FROM NAMED), sent to the server's SPARQL endpoint. */
    QueryExecution query(String queryText) {
        return QueryExecutionHTTP.service(server.sparql().toString()).httpClient(HTTP).queryString(queryText).postQuery().build();
    }

    /**
     * The whole dataset for {@code kg export}: N-Quads (or, for the union, N-Triples) streamed from
     * the Graph Store endpoint, which the server writes without holding the data in memory, in one
     * read transaction, so from one generation.
     */
    ExportCommand.Source exportSource() {
        return new ExportCommand.Source() {
            @Override public Map<String, String> prefixes() throws IOException {
                return ThroughServer.this.prefixes();
            }

            @Override public void send(boolean union, StreamRDF sink) throws IOException {
                Lang lang = union ? Lang.NTRIPLES : Lang.NQUADS;
                try (InputStream in = get(graphStore(union ? "?graph=" + Quad.unionGraph.getURI() : ""), lang.getHeaderString())) {
                    // The server's blank node labels (its stored ones, encoded) are kept, so both ways label them alike.
                    RDFParser.source(in).lang(lang).labelToNode(LabelToNode.createUseLabelEncoded())
                            .parse(new StreamRDFBase() {
                                @Override public void triple(Triple t) { sink.triple(t); }
                                @Override public void quad(Quad q) { sink.quad(q); }
                            });
                }
            }
        };
    }

    /**
     * The dataset's prefixes: Fuseki writes them at the head of a Turtle answer, here of the
     * stored default graph (empty: every triple lives in a named graph); reading stops there.
     */
    private Map<String, String> prefixes() throws IOException {
        Map<String, String> pm = new LinkedHashMap<>();
        class Enough extends RuntimeException {
            Enough() { super(null, null, false, false); }
        }
        try (InputStream in = get(graphStore("?default"), Lang.TURTLE.getHeaderString())) {
            RDFParser.source(in).lang(Lang.TURTLE).parse(new StreamRDFBase() {
                @Override public void prefix(String prefix, String iri) { pm.put(prefix, iri); }
                @Override public void triple(Triple triple) { throw new Enough(); }
            });
        } catch (Enough enough) {
            // the prefixes come first
        }
        return pm;
    }

    private URI graphStore(String query) {
        return URI.create(server.graphStore() + query);
    }

    private static InputStream get(URI uri, String accept) throws IOException {
        HttpResponse<InputStream> r;
        try {
            r = HTTP.send(HttpRequest.newBuilder(uri).header("Accept", accept).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
        if (r.statusCode() != 200) {
            String body = new String(r.body().readNBytes(2000), java.nio.charset.StandardCharsets.UTF_8).strip();
            r.body().close();
            throw new UserError("the server at " + uri + " answered " + r.statusCode() + ": " + body);
        }
        return r.body();
    }
}
