package org.geokg.load;

import java.util.List;
import java.util.Map;

import org.geokg.mapping.Row;

/** One data row of a CSV table, with where it came from. */
public record CsvRow(String file, long line, Map<String, Integer> columns, List<String> values) implements Row {

    @Override
    public String get(String column) {
        Integer i = columns.get(column);
        return i == null || i >= values.size() ? "" : values.get(i).strip();
    }

    @Override
    public long col(String column) {
        Integer i = columns.get(column);
        return i == null ? 0 : i + 1;
    }
}
