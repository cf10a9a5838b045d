package org.geokg.pages;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.geokg.TestProject;
import org.geokg.load.Loader;
import org.geokg.serve.KgServer;
import org.geokg.serve.ServeSettings;
import org.geokg.store.Layout;

/** A server on a free port over a fresh load of the project's real data, for the page tests. */
final class RealDataServer implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    final KgServer server;
    final URI base;

    private RealDataServer(KgServer server) {
        this.server = server;
        this.base = server.baseUrl();
    }

    static RealDataServer start(Path tmp) {
        TestProject project = TestProject.real(tmp.resolve("project"));
        Path db = project.layout.defaultDb();
        Loader.load(project.layout, db, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return new RealDataServer(KgServer.start(ServeSettings.defaults(project.layout.configFile(), db,
                project.layout.state()).withPort(0)));
    }

    /** Whether the article the real data quotes is beside the project (../shared/sources). */
    static boolean articlePresent() {
        return Files.isRegularFile(Layout.of(TestProject.realHome()).sharedSources().resolve("russia-iran-2025.txt"));
    }

    HttpResponse<String> get(String path, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (accept != null) b.header("Accept", accept);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
