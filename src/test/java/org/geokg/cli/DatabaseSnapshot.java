package org.geokg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a database path is, to compare before and after a failed command: where the link points,
 * every entry beside it (no generation left behind), and every file of the generation it points
 * to with its SHA-256.
 */
record DatabaseSnapshot(Path linkTarget, List<String> entriesBesideTheLink, SortedMap<String, String> files) {

    static DatabaseSnapshot of(Path link) {
        try {
            Path target = Files.readSymbolicLink(link);
            List<String> entries;
            try (Stream<Path> s = Files.list(link.getParent())) {
                entries = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
            Path generation = link.resolveSibling(target);
            SortedMap<String, String> files = new TreeMap<>();
            try (Stream<Path> s = Files.walk(generation)) {
                for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator)
                    files.put(generation.relativize(f).toString(), sha256(f));
            }
            return new DatabaseSnapshot(target, entries, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
