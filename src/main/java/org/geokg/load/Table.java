package org.geokg.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.geokg.mapping.TableMapping;

/**
 * A kind of CSV table, as its mapping declares it (mappings/*.ttl): the columns its header must
 * and may have. A file's header decides which kind it is, so files can be split and named freely
 * as sources are added.
 */
public record Table(TableMapping mapping, List<String> required, List<String> optional) {

    public static Table of(TableMapping m) { return new Table(m, m.required(), m.optional()); }

    public String fileLabel() { return mapping.name(); }

    /** Whether a column name belongs to this table. */
    public boolean knows(String column) { return required.contains(column) || optional.contains(column); }

    /**
     * The table whose required columns the header has, choosing the one with the most required
     * columns when several fit (a statements header also holds every entities column but one).
     */
    public static Table detect(List<Table> known, List<String> header) {
        Set<String> cols = new LinkedHashSet<>(header);
        Table best = null;
        for (Table t : known)
            if (cols.containsAll(t.required) && (best == null || t.required.size() > best.required.size()))
                best = t;
        return best;
    }

    /** For an unknown header: the closest table's missing columns, to say what was expected. */
    public static String describeExpected(List<Table> known, List<String> header) {
        List<String> parts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Table t : known) {
            List<String> missing = new ArrayList<>(t.required);
            missing.removeAll(header);
            parts.add(t.fileLabel() + " (missing " + String.join(", ", missing) + ")");
            names.add(t.fileLabel());
        }
        String kinds = names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return "a header row with the columns of a " + kinds + " table; closest: " + String.join("; ", parts);
    }
}
