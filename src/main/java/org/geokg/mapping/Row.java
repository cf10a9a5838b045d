package org.geokg.mapping;

/** One data row of a table, whatever its format, with where it came from. */
public interface Row {
    /** The file as users see it, e.g. {@code data/statements.csv}. */
    String file();

    /** The 1-based line the row begins on. */
    long line();

    /** The cell of a column, trimmed; empty when the column is absent or blank. */
    String get(String column);

    default boolean has(String column) { return !get(column).isEmpty(); }

    /** The 1-based field number of a column, for error locations (0 if the file lacks it). */
    long col(String column);

    /** "data/x.csv:12", the value of kg:definedAt. */
    default String origin() { return file() + ":" + line(); }
}
