package org.geokg.pages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.geokg.mapping.Articles;

/**
 * The articles' texts, read from the sources directory (outside the project) when a page shows a
 * paragraph; re-read when the file changes. A missing article is no error: the pages then show the
 * quote without its paragraph.
 */
final class SourceTexts {
    private final Path dir;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(FileTime modified, long size, Articles text) {}

    SourceTexts(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The article stored as {@code fileName} (a plain file name, as in the sources table), if present. */
    Optional<Articles> article(String fileName) {
        if (fileName == null || fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals(".."))
            return Optional.empty();
        Path file = dir.resolve(fileName).normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file)) return Optional.empty();
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Cached c = cache.get(file);
            if (c == null || !c.modified().equals(modified) || c.size() != size) {
                c = new Cached(modified, size, Articles.read(file));
                cache.put(file, c);
            }
            return Optional.of(c.text());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
