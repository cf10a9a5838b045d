package org.geokg.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The three kinds of CSV table (see data/README.md). A file's header decides which one it is, so
 * files can be split and named freely as sources are added.
 */
public enum Table {
    SOURCES(List.of("id", "title", "published", "language", "sha256", "file"), List.of("note")),
    ENTITIES(List.of("id", "type", "label", "source", "paragraph", "quote"),
            List.of("alt_labels", "wikidata", "description")),
    STATEMENTS(List.of("id", "subject", "property", "value", "modality", "source", "paragraph", "quote"),
            List.of("attributed_to", "likelihood", "scenario", "step", "point_in_time", "start", "end",
                    "earliest", "latest", "note"));

    public final List<String> required;
    public final List<String> optional;

    Table(List<String> required, List<String> optional) {
        this.required = required;
        this.optional = optional;
    }

    public String fileLabel() { return name().toLowerCase(); }

    /** Whether a column name belongs to this table. */
    public boolean knows(String column) { return required.contains(column) || optional.contains(column); }

    /**
     * The table whose required columns the header has, choosing the one with the most required
     * columns when several fit (a statements header also holds every entities column but one).
     */
    public static Table detect(List<String> header) {
        Set<String> cols = new LinkedHashSet<>(header);
        Table best = null;
        for (Table t : values())
            if (cols.containsAll(t.required) && (best == null || t.required.size() > best.required.size()))
                best = t;
        return best;
    }

    /** For an unknown header: the closest table's missing columns, to say what was expected. */
    public static String describeExpected(List<String> header) {
        List<String> parts = new ArrayList<>();
        for (Table t : values()) {
            List<String> missing = new ArrayList<>(t.required);
            missing.removeAll(header);
            parts.add(t.fileLabel() + " (missing " + String.join(", ", missing) + ")");
        }
        return "a header row with the columns of a sources, entities or statements table; closest: "
                + String.join("; ", parts);
    }
}
