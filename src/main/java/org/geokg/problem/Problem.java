package org.geokg.problem;

/**
 * One thing wrong with the input, located as {@code FILE:LINE:COLUMN: message} like a compiler
 * error. In CSV files COLUMN counts fields (1 = the first column); in Turtle files it counts
 * characters. LINE or COLUMN is 0 when unknown and then left out.
 */
public record Problem(String file, long line, long column, String message) implements Comparable<Problem> {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) sb.append(':').append(column);
        }
        return sb.append(": ").append(message).toString();
    }

    @Override
    public int compareTo(Problem o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Long.compare(line, o.line);
        return c != 0 ? c : Long.compare(column, o.column);
    }
}
