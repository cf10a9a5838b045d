package org.geokg.load;

import java.util.List;
import java.util.Map;

/** One data row of a CSV table, with where it came from. */
public record CsvRow(String file, long line, Map<String, Integer> columns, List<String> values) {

    /** The cell of a column, trimmed; empty when the column is absent or blank. */
    public String get(String column) {
        Integer i = columns.get(column);
        return i == null || i >= values.size() ? "" : values.get(i).strip();
    }

    public boolean has(String column) { return !get(column).isEmpty(); }

    /** The 1-based field number of a column, for error locations (0 if the file lacks it). */
    public long col(String column) {
        Integer i = columns.get(column);
        return i == null ? 0 : i + 1;
    }

    /** "data/x.csv:12", the value of kg:definedAt. */
    public String origin() { return file + ":" + line; }
}
