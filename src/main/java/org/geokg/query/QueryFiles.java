package org.geokg.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The query library under queries/: finds a query by path or by name. */
public final class QueryFiles {
    private QueryFiles() {}

    /**
     * {@code spec} is a path to a file, or the name of a file under {@code queriesDir} with or
     * without its {@code .rq} ending. Returns null when neither exists.
     */
    public static Path resolve(Path queriesDir, String spec) {
        Path asPath = Path.of(spec);
        if (Files.isRegularFile(asPath)) return asPath;
        for (String candidate : List.of(spec, spec + ".rq")) {
            Path p = queriesDir.resolve(candidate).normalize();
            if (p.startsWith(queriesDir.normalize()) && Files.isRegularFile(p)) return p;
        }
        return null;
    }

    /** The names (without .rq) of the queries in the library, sorted. */
    public static List<String> names(Path queriesDir) {
        if (!Files.isDirectory(queriesDir)) return List.of();
        try (Stream<Path> s = Files.list(queriesDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rq"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
