package org.geokg.problem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem found, so one run reports them all rather than only the first. Keeps at
 * most {@link #LIMIT} of them in memory; past that it only counts, so a hopelessly broken input of
 * millions of rows cannot exhaust memory. Safe to add to from several threads (the shapes are
 * checked on more than one).
 */
public final class Problems {
    public static final int LIMIT = 10_000;
    private final List<Problem> kept = new ArrayList<>();
    private long count;

    public synchronized void add(Problem p) {
        count++;
        if (kept.size() < LIMIT) kept.add(p);
    }

    public void add(String file, long line, long column, String message) {
        add(new Problem(file, line, column, message));
    }

    public synchronized boolean isEmpty() { return count == 0; }
    public synchronized long count() { return count; }

    public synchronized List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(kept);
        Collections.sort(copy);
        return copy;
    }

    /** All problems, one a line, sorted by place, with a count at the end. */
    public synchronized String report() {
        StringBuilder sb = new StringBuilder();
        for (Problem p : sorted()) sb.append(p).append('\n');
        if (count > kept.size()) sb.append("... and ").append(count - kept.size()).append(" more\n");
        sb.append(count).append(count == 1 ? " problem" : " problems");
        return sb.toString();
    }
}
