package org.geokg.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.geokg.cli.ServeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Option checking of {@code kg serve} and clear refusals by {@link KgServer#start}. */
class ServeCommandTest {
    @TempDir Path tmp;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ServeCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void updateWithoutPasswordFileIsAClearError() {
        Run r = run("--update");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("kg serve: --update needs --passwd FILE"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void passwordFileWithoutUpdateIsAnError() {
        Run r = run("--passwd", tmp.resolve("pw").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--passwd is only used with --update"), r.err());
    }

    @Test
    void badNumbersAreErrors() {
        Run timeout = run("--timeout", "0");
        assertEquals(2, timeout.exit());
        assertTrue(timeout.err().contains("--timeout must be a positive number"), timeout.err());
        Run port = run("--port", "70000");
        assertEquals(2, port.exit());
        assertTrue(port.err().contains("--port must be between 0 and 65535"), port.err());
        Run size = run("--max-body", "lots");
        assertEquals(2, size.exit());
        assertTrue(size.err().contains("--max-body: not a size: 'lots'"), size.err());
    }

    @Test
    void helpListsTheOptionsWithTheirSafeDefaults() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String option : new String[] { "--port", "--db", "--host", "--timeout", "--max-body", "--update", "--passwd" })
            assertTrue(r.out().contains(option), option + " missing from\n" + r.out());
        assertTrue(r.out().contains("Default: 127.0.0.1"), r.out());
        assertTrue(r.out().contains("Default: 3030"), r.out());
        assertTrue(r.out().contains("Default: 30"), r.out());
    }

    @Test
    void sizesAcceptCommonSuffixes() {
        assertEquals(65536, ServeCommand.parseSize("65536"));
        assertEquals(512 * 1024, ServeCommand.parseSize("512KiB"));
        assertEquals(512 * 1024, ServeCommand.parseSize("512k"));
        assertEquals(4 * 1024 * 1024, ServeCommand.parseSize("4MiB"));
        assertEquals(1024 * 1024, ServeCommand.parseSize("1 mb"));
        assertThrows(RuntimeException.class, () -> ServeCommand.parseSize("0"));
        assertThrows(RuntimeException.class, () -> ServeCommand.parseSize("-1"));
        assertThrows(RuntimeException.class, () -> ServeCommand.parseSize("3GiB"));
    }

    @Test
    void settingsRefuseUnsafeCombinations() {
        ServeSettings s = ServeFixture.settings(tmp, tmp);
        assertThrows(IllegalArgumentException.class, () -> new ServeSettings(s.configFile(), s.dbDir(), s.stateDir(),
                s.host(), 0, s.queryTimeout(), s.maxBodyBytes(), true, java.util.Optional.empty(), s.responseBufferBytes()));
        assertThrows(IllegalArgumentException.class, () -> s.withQueryTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> s.withMaxBodyBytes(0));
        assertEquals("127.0.0.1", ServeSettings.defaults(tmp, tmp, tmp).host());
        assertEquals(3030, ServeSettings.defaults(tmp, tmp, tmp).port());
        assertEquals(Duration.ofSeconds(30), ServeSettings.defaults(tmp, tmp, tmp).queryTimeout());
        assertFalse(ServeSettings.defaults(tmp, tmp, tmp).update());
    }

    @Test
    void startRefusesAMissingDatabase() {
        ServeException e = assertThrows(ServeException.class,
                () -> KgServer.start(ServeFixture.settings(tmp.resolve("nothing"), tmp.resolve("state"))));
        assertTrue(e.getMessage().contains("run 'kg load'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("nothing")), "a database directory was created");
    }

    @Test
    void startRefusesAMissingOrEmptyPasswordFile() throws IOException {
        Path db = ServeFixture.buildDatabase(tmp.resolve("db"));
        ServeException missing = assertThrows(ServeException.class, () -> KgServer.start(
                ServeFixture.settings(db, tmp.resolve("state")).withUpdate(tmp.resolve("no-such-file"))));
        assertTrue(missing.getMessage().contains("password file not found"), missing.getMessage());
        Path empty = Files.writeString(tmp.resolve("empty"), "# nobody\n\n");
        ServeException none = assertThrows(ServeException.class, () -> KgServer.start(
                ServeFixture.settings(db, tmp.resolve("state")).withUpdate(empty)));
        assertTrue(none.getMessage().contains("has no users"), none.getMessage());
    }

    @Test
    void startRefusesAPortInUseWithAClearMessageAndReleasesTheDatabase() throws IOException {
        Path db = ServeFixture.buildDatabase(tmp.resolve("db"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServeException e = assertThrows(ServeException.class, () -> KgServer.start(
                    ServeFixture.settings(db, tmp.resolve("state")).withPort(taken.getLocalPort())));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        // The failed start closed what it opened: the database can be served now.
        try (KgServer server = KgServer.start(ServeFixture.settings(db, tmp.resolve("state")))) {
            assertEquals(ServeFixture.TRIPLES, ServeFixture.count(server, "?s ?p ?o"));
        }
    }
}
