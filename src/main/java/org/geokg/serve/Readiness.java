package org.geokg.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;

/**
 * {@code GET /ready}: 200 only when the served dataset answers a query, else 503; for a load
 * balancer or an orchestrator to decide whether to send requests here. It runs
 * {@link #QUERY} (is there any statement?) against the served generation (with a {@value #TIMEOUT_SECONDS} s
 * limit), so a server whose database cannot be read, is empty, or is shutting down is not ready.
 * The answer names the generation that answered:
 * {@code {"ready": true, "dataset": "/kg", "generation": "20261203-080000-123"}}.
 * Open to every client like the query endpoint (it tells no more than a query would), never cached.
 */
final class Readiness extends HttpServlet {
    static final String PATH = "/ready";
    static final int TIMEOUT_SECONDS = 5;
    /** Any statement, in the default graph or a named one (whether or not the default graph is their union). */
    static final String QUERY = "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }";

    private final String datasetName;
    private final GenerationSwitch dataset;
    private volatile boolean stopping;

    Readiness(String datasetName, GenerationSwitch dataset) {
        this.datasetName = datasetName;
        this.dataset = dataset;
    }

    /** From now on not ready: the server is going away. */
    void stopping() { stopping = true; }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        answer(resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        answer(resp, false);
    }

    private void answer(HttpServletResponse resp, boolean body) throws IOException {
        JsonObject json = check();
        boolean ready = json.get("ready").getAsBoolean().value();
        resp.setStatus(ready ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        byte[] bytes = (json.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        if (body) resp.getOutputStream().write(bytes);
    }

    /** The check itself: whether the dataset answers, and which generation did. */
    JsonObject check() {
        JsonObject json = new JsonObject();
        json.put("dataset", datasetName);
        if (stopping) return notReady(json, "the server is stopping");
        String[] generation = new String[1];
        boolean hasData;
        try {
            hasData = Txn.calculateRead(dataset, () -> {
                generation[0] = dataset.active().id;
                return QueryExec.dataset(dataset).query(QUERY)
                        .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).ask();
            });
        } catch (RuntimeException e) {
            return notReady(json, "the dataset did not answer a query: " + e.getMessage());
        }
        if (generation[0] != null) json.put("generation", generation[0]);
        if (!hasData) return notReady(json, "the dataset is empty");
        json.put("ready", true);
        return json;
    }

    private static JsonObject notReady(JsonObject json, String reason) {
        json.put("ready", false);
        json.put("reason", reason);
        return json;
    }
}
