package org.geokg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.geokg.TestProject;
import org.geokg.store.KgStore;

/** A small database built directly (not through the loader) and HTTP helpers for the server tests. */
final class ServeFixture {
    static final String EX = "https://example.org/geokg-test/";
    static final String[] GRAPHS = { EX + "graph/a", EX + "graph/b", EX + "graph/c" };
    static final int PER_GRAPH = 20;
    static final int TRIPLES = GRAPHS.length * PER_GRAPH;
    /** Only in graph a: a query over the default (union) graph must see it. */
    static final String ONLY_IN_A = "<" + EX + "a/s0> <" + RDFS.label.getURI() + "> \"thing a0\"";

    static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private ServeFixture() {}

    static Path configFile() {
        return TestProject.realHome().resolve("fuseki-config/config.ttl");
    }

    /**
     * Builds a database in {@code dbDir}: {@value #PER_GRAPH} triples in each of three named graphs
     * (half of them rdfs:label, half rdf:type), then closes it so a server can open it.
     */
    static Path buildDatabase(Path dbDir) {
        Dataset ds = KgStore.open(configFile(), dbDir);
        DatasetGraph dsg = ds.asDatasetGraph();
        Txn.executeWrite(ds, () -> {
            for (String g : GRAPHS) {
                Node gn = NodeFactory.createURI(g);
                String letter = g.substring(g.length() - 1);
                for (int i = 0; i < PER_GRAPH; i++) {
                    Node s = NodeFactory.createURI(EX + letter + "/s" + i);
                    if (i % 2 == 0)
                        dsg.add(gn, s, RDFS.label.asNode(), NodeFactory.createLiteralString("thing " + letter + i));
                    else
                        dsg.add(gn, s, RDF.type.asNode(), NodeFactory.createURI(EX + "Class" + letter.toUpperCase()));
                }
            }
        });
        ds.close();   // closes the Lucene index (its write lock)
        // Release the TDB2 database from this JVM too, so that another process may open it.
        DatasetGraph base = dsg;
        while (!TDBInternal.isTDB2(base) && base instanceof DatasetGraphWrapper w) base = w.getWrapped();
        if (TDBInternal.isTDB2(base)) TDBInternal.expel(base);
        return dbDir;
    }

    static ServeSettings settings(Path dbDir, Path stateDir) {
        return ServeSettings.defaults(configFile(), dbDir, stateDir).withPort(0);
    }

    // ---- HTTP

    static HttpResponse<String> get(URI uri, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (accept != null) b.header("Accept", accept);
        return send(b.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends on a new connection. For requests the server refuses without reading their body: Jetty
     * then may close the connection, and a pooled one would fail the next (non-retryable) POST.
     */
    static HttpResponse<String> sendFresh(HttpRequest request) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI query(KgServer server, String endpoint, String query, String extraParams) {
        String q = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        return server.baseUrl().resolve(endpoint + "?" + q + (extraParams == null ? "" : "&" + extraParams));
    }

    /** The value of {@code ?n} of a one-row JSON SELECT result. */
    static long count(KgServer server, String where) {
        HttpResponse<String> r = get(query(server, "kg/sparql", "SELECT (COUNT(*) AS ?n) WHERE { " + where + " }", null),
                "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"n\"\\s*:\\s*\\{[^}]*\"value\"\\s*:\\s*\"(\\d+)\"").matcher(r.body());
        if (!m.find()) throw new AssertionError("no count in " + r.body());
        return Long.parseLong(m.group(1));
    }

    static boolean ask(KgServer server, String where) {
        HttpResponse<String> r = get(query(server, "kg/sparql", "ASK { " + where + " }", null),
                "application/sparql-results+json");
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"boolean\"\\s*:\\s*(true|false)").matcher(r.body());
        if (m.find()) return Boolean.parseBoolean(m.group(1));
        throw new AssertionError("not an ASK result: " + r.body());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every file or directory named {@code name} under {@code root}, skipping the directories named in
     * {@code skip} (build output, git); unreadable or vanishing entries (others build in the same
     * tree) are ignored.
     */
    static List<Path> find(Path root, String name, Set<String> skip) {
        List<Path> found = new ArrayList<>();
        if (!Files.exists(root)) return found;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                    if (!dir.equals(root) && skip.contains(dir.getFileName().toString())) return FileVisitResult.SKIP_SUBTREE;
                    if (dir.getFileName() != null && dir.getFileName().toString().equals(name)) found.add(dir);
                    return FileVisitResult.CONTINUE;
                }
                @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    if (f.getFileName().toString().equals(name)) found.add(f);
                    return FileVisitResult.CONTINUE;
                }
                @Override public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
