package org.geokg.federation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal HTTP server on loopback that records every request (path and headers) and answers each
 * SPARQL query with one fixed row, ?s = &lt;http://example.org/answered&gt;. Under {@code /redirect}
 * it answers 302 to {@code /elsewhere} instead.
 */
final class RecordingEndpoint implements AutoCloseable {
    record Request(String method, String path, Headers headers) {}

    static final String ANSWER = "http://example.org/answered";
    private static final String RESULTS = """
            {"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"%s"}}]}}
            """.formatted(ANSWER);

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    RecordingEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) { return "http://127.0.0.1:" + server.getAddress().getPort() + path; }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestHeaders()));
            ex.getRequestBody().readAllBytes();
            if (ex.getRequestURI().getPath().startsWith("/redirect")) {
                ex.getResponseHeaders().add("Location", url("/elsewhere"));
                ex.sendResponseHeaders(302, -1);
                return;
            }
            byte[] body = RESULTS.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/sparql-results+json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) { out.write(body); }
        }
    }

    @Override
    public void close() { server.stop(0); }
}
