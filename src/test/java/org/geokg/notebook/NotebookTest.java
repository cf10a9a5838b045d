package org.geokg.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonArray;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.atlas.json.JsonValue;
import org.geokg.TestProject;
import org.geokg.federation.Federation;
import org.geokg.federation.FederationSettings;
import org.geokg.federation.WikidataFixture;
import org.geokg.load.Loader;
import org.geokg.serve.KgServer;
import org.geokg.serve.ServeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notebook under notebooks/ runs headless (jupyter nbconvert --execute) against a live server over
 * the real data, without error, and draws its pictures. Skipped with a message where Jupyter is not
 * installed; .ci/run installs it, so CI always runs it.
 */
class NotebookTest {
    static final Path NOTEBOOKS = TestProject.realHome().resolve("notebooks");
    static final Path NOTEBOOK = NOTEBOOKS.resolve("geokg.ipynb");

    @TempDir Path tmp;

    /** Committed notebooks carry no outputs and no execution counts. */
    @Test
    void committedNotebooksAreClean() throws IOException {
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).toList();
        }
        assertFalse(notebooks.isEmpty(), "no notebook under " + NOTEBOOKS);
        for (Path nb : notebooks) {
            JsonObject json = JSON.read(nb.toString());
            for (JsonValue cell : json.get("cells").getAsArray()) {
                JsonObject c = cell.getAsObject();
                if (!c.get("cell_type").getAsString().value().equals("code")) continue;
                assertEquals(0, c.get("outputs").getAsArray().size(), nb + ": a code cell has outputs");
                assertTrue(c.get("execution_count").isNull(), nb + ": a code cell has an execution count");
            }
        }
        String text = Files.readString(NOTEBOOK, StandardCharsets.UTF_8);
        assertTrue(text.contains("KG_ENDPOINT") && text.contains("http://localhost:3030/kg/sparql"), "endpoint from the environment");
        assertTrue(text.contains("setOnlyConneg(True)"), "SPARQLWrapper with content negotiation only");
    }

    @Test
    void theNotebookRunsAgainstTheServerAndDrawsItsPictures() throws Exception {
        List<String> nbconvert = nbconvert();
        assumeTrue(nbconvert != null, "skipped: Jupyter nbconvert with SPARQLWrapper, pandas, matplotlib and networkx "
                + "is not installed (Debian: jupyter-nbconvert python3-nbclient python3-ipykernel python3-sparqlwrapper "
                + "python3-pandas python3-matplotlib python3-networkx)");

        TestProject project = TestProject.real(tmp.resolve("project"));
        Path db = project.layout.defaultDb();
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        FederationSettings before = Federation.settings();
        try (WikidataFixture wikidata = WikidataFixture.start();
             KgServer server = KgServer.start(ServeSettings.defaults(project.layout.configFile(), db,
                     project.layout.state()).withPort(0))) {
            String endpoint = "http://127.0.0.1:" + server.port() + "/kg/sparql";

            // Online: Wikidata is the loopback fixture.
            Federation.install(wikidata.settings());
            JsonObject online = execute(nbconvert, endpoint, "online");
            String onlineText = checkRan(online);
            assertTrue(onlineText.contains("Moscow") && onlineText.contains("Tehran") && onlineText.contains("Kyiv"),
                    "the federated cell shows the fixture's capitals");
            assertFalse(onlineText.contains("skipped:"), "nothing skipped when Wikidata answers");

            // Offline: the Wikidata endpoint refuses connections; the federated cell reports and skips.
            Federation.install(FederationSettings.defaults().withOverride(FederationSettings.WIKIDATA,
                    "http://127.0.0.1:" + closedPort() + "/sparql"));
            JsonObject offline = execute(nbconvert, endpoint, "offline");
            String offlineText = checkRan(offline);
            assertTrue(offlineText.contains("skipped: Wikidata not reachable"), "the federated cell says it was skipped");
        } finally {
            if (before == null) Federation.uninstall();
            else Federation.install(before);
        }
    }

    /**
     * With no server at the endpoint the notebook stops at its first query with one line saying how to
     * start it, not with a traceback of urllib's URLError.
     */
    @Test
    void withTheServerDownTheNotebookSaysToStartIt() throws Exception {
        List<String> nbconvert = nbconvert();
        assumeTrue(nbconvert != null, "skipped: Jupyter nbconvert with SPARQLWrapper, pandas, matplotlib and networkx "
                + "is not installed (see .ci/run)");
        String endpoint = "http://127.0.0.1:" + closedPort() + "/kg/sparql";
        JsonObject nb = execute(nbconvert, endpoint, "server-down", "--allow-errors");
        JsonObject error = null;
        for (JsonValue cell : nb.get("cells").getAsArray()) {
            JsonObject c = cell.getAsObject();
            if (!c.get("cell_type").getAsString().value().equals("code")) continue;
            for (JsonValue out : c.get("outputs").getAsArray())
                if (out.getAsObject().get("output_type").getAsString().value().equals("error")) {
                    error = out.getAsObject();
                    break;
                }
            if (error != null) break;
        }
        assertTrue(error != null, "the first query fails");
        String shown = join(error.get("traceback"));
        assertTrue(shown.contains("start it with ./kg serve") && shown.contains(endpoint), shown);
        assertFalse(shown.contains("URLError") || shown.contains("Traceback") || shown.contains("urllib"), shown);
        assertEquals(1, error.get("traceback").getAsArray().size(), "one line, not a traceback: " + shown);
    }

    /** Runs nbconvert on a copy of the notebook; returns the executed notebook. */
    private JsonObject execute(List<String> nbconvert, String endpoint, String name, String... extra) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path copy = dir.resolve("geokg.ipynb");
        Files.copy(NOTEBOOK, copy);
        List<String> cmd = new ArrayList<>(nbconvert);
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300",
                "--output-dir", dir.toString(), "--output", "executed", copy.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nbconvert.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("KG_ENDPOINT", endpoint);
        env.put("MPLCONFIGDIR", Files.createDirectories(dir.resolve("mpl")).toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process p = pb.start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly();
        String log = Files.readString(dir.resolve("nbconvert.log"), StandardCharsets.UTF_8);
        assertTrue(done, "nbconvert did not finish in 10 minutes:\n" + log);
        assertEquals(0, p.exitValue(), "nbconvert failed:\n" + log);
        return JSON.read(dir.resolve("executed.ipynb").toString());
    }

    /** No error output, the timeline and the network drawn; returns all text output. */
    private static String checkRan(JsonObject nb) {
        int images = 0;
        StringBuilder text = new StringBuilder();
        for (JsonValue cell : nb.get("cells").getAsArray()) {
            JsonObject c = cell.getAsObject();
            if (!c.get("cell_type").getAsString().value().equals("code")) continue;
            for (JsonValue out : c.get("outputs").getAsArray()) {
                JsonObject o = out.getAsObject();
                String type = o.get("output_type").getAsString().value();
                assertFalse(type.equals("error"), "a cell failed: " + o);
                if (o.hasKey("text")) text.append(join(o.get("text")));
                if (o.hasKey("data")) {
                    JsonObject data = o.get("data").getAsObject();
                    if (data.hasKey("image/png")) images++;
                    if (data.hasKey("text/plain")) text.append(join(data.get("text/plain")));
                }
            }
        }
        String all = text.toString();
        assertTrue(images >= 2, "expected the timeline and the network as PNG images, found " + images);
        assertTrue(all.contains("2025-03-12") && all.contains("naval-drill-2025-03"), "timeline table");
        assertTrue(all.contains("kgr:su-35") && all.contains("kgr:s-400"), "arms table");
        assertTrue(all.contains("kgr:swift") && all.contains("kgr:crypto-transactions"), "finance table");
        assertTrue(all.contains("28 relations"), "the network of the 28 stated relations between states");
        // Each arrow of the network says which relations it stands for, from subject to object: paragraph 8,
        // "Russia has become the sole exporter of arms to Iran" (and not the other way round).
        String russiaToIran = all.lines().filter(l -> l.startsWith("Russia → Iran: ")).findFirst().orElse("");
        String iranToRussia = all.lines().filter(l -> l.startsWith("Iran → Russia: ")).findFirst().orElse("");
        assertTrue(russiaToIran.contains("sole arms supplier to"), "Russia → Iran is labelled: " + russiaToIran);
        assertFalse(iranToRussia.isEmpty() || iranToRussia.contains("sole arms supplier to"), "direction kept: " + iranToRussia);
        return all;
    }

    private static String join(JsonValue v) {
        if (v.isString()) return v.getAsString().value();
        StringBuilder sb = new StringBuilder();
        JsonArray a = v.getAsArray();
        for (JsonValue x : a) sb.append(x.getAsString().value());
        return sb.toString();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The nbconvert command line, or null when Jupyter or the notebook's libraries are missing. */
    static List<String> nbconvert() {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            if (python.startsWith("/") && !Files.isExecutable(Path.of(python))) continue;
            if (runs(List.of(python, "-m", "nbconvert", "--version"))
                    && runs(List.of(python, "-c", "import SPARQLWrapper, pandas, matplotlib, networkx, ipykernel")))
                return List.of(python, "-m", "nbconvert");
        }
        return null;
    }

    private static boolean runs(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
