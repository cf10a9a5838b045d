package org.geokg.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.geokg.store.Generations;
import org.geokg.store.KgStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks of what the operator hands to {@code kg serve} (the database, the password file), each
 * failing with a {@link ServeException} that says what is wrong and what to do, before anything
 * is started.
 */
final class ServeInputs {
    private static final Logger LOG = LoggerFactory.getLogger(ServeInputs.class);

    private ServeInputs() {}

    /** The database directory to serve: the target of the link, so a later load does not swap it mid-run. */
    static Path resolveDatabase(Path dbDir) {
        if (Files.isSymbolicLink(dbDir)) {
            Optional<Path> current = new Generations(dbDir).current();
            if (current.isEmpty())
                throw new ServeException("the database " + dbDir + " is not complete (an interrupted load?): run 'kg load'");
        }
        if (!Files.isDirectory(dbDir))
            throw new ServeException("no database at " + dbDir + ": run 'kg load' first");
        Path real;
        try {
            real = dbDir.toRealPath();
        } catch (IOException e) {
            throw new ServeException("cannot read the database directory " + dbDir + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(real.resolve(KgStore.TDB_DIR)))
            throw new ServeException(dbDir + " holds no database (no " + KgStore.TDB_DIR + "/ inside): run 'kg load' first");
        return real;
    }

    /** Checks the operator's password file: readable, with at least one {@code user: password} line. */
    static Path checkPasswordFile(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file))
            throw new ServeException("password file not found or not readable: " + file);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ServeException("cannot read the password file " + file + ": " + e.getMessage(), e);
        }
        boolean hasUser = lines.stream().map(String::strip)
                .anyMatch(l -> !l.isEmpty() && !l.startsWith("#") && l.indexOf(':') > 0 && l.indexOf(':') < l.length() - 1);
        if (!hasUser)
            throw new ServeException("the password file " + file
                    + " has no users; write lines 'user: password' (Jetty format; MD5:/CRYPT: hashes allowed)");
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ))
                LOG.warn("The password file {} is readable by other users; consider chmod 600", file);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to say
        }
        return file.toAbsolutePath();
    }
}
