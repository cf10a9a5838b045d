package org.geokg.load;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the rows of one CSV table file: a lexical check first (encoding, quoting), then Commons
 * CSV. The header is checked against the table it names; every row's field count against the
 * header. Rows go to a consumer one at a time, so memory does not depend on the file's size.
 */
public final class CsvTableReader {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true)
            .get();

    private final Path path;
    private final String display;
    private final Problems problems;
    private Table table;
    private List<String> header;

    /**
     * @param display how the file is named in messages, e.g. {@code data/statements.csv}
     */
    public CsvTableReader(Path path, String display, Problems problems) {
        this.path = path;
        this.display = display;
        this.problems = problems;
    }

    /**
     * Reads the header and decides the table. Returns null (with problems reported) when the file
     * cannot be read as a table at all.
     */
    public Table open() throws IOException {
        if (!new CsvLexicalCheck(display, problems).check(path)) return null;
        try (Reader r = reader(); CSVParser parser = CSVParser.builder().setReader(r).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                problems.add(display, 1, 1, "no header row; expected the column names of a table (see data/README.md)");
                return null;
            }
            header = new ArrayList<>();
            for (String h : it.next()) header.add(h.strip());
            return table = checkHeader();
        } catch (UncheckedIOException e) {
            problems.add(display, 1, 0, "cannot parse CSV: " + e.getCause().getMessage());
            return null;
        }
    }

    private Table checkHeader() {
        Table t = Table.detect(header);
        if (t == null) {
            problems.add(display, 1, 1, "unknown table; expected " + Table.describeExpected(header));
            return null;
        }
        boolean ok = true;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (seen.put(h, i) != null) {
                problems.add(display, 1, i + 1, "column '" + h + "' appears twice in the header; expected each column once");
                ok = false;
            } else if (!t.knows(h)) {
                problems.add(display, 1, i + 1, "unknown column '" + h + "' for a " + t.fileLabel()
                        + " table; expected one of " + String.join(", ", t.required) + ", " + String.join(", ", t.optional));
                ok = false;
            }
        }
        return ok ? t : null;
    }

    /** Streams the data rows (after a successful {@link #open()}) to {@code sink}. */
    public void rows(Consumer<CsvRow> sink) throws IOException {
        if (table == null) throw new IllegalStateException("open() first");
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) columns.put(header.get(i), i);
        try (Reader r = reader(); CSVParser parser = CSVParser.builder().setReader(r).setFormat(FORMAT).get()) {
            long linesBefore = 0;
            boolean first = true;
            for (CSVRecord rec : parser) {
                // The record began on the line after the last line break the parser had consumed.
                long line = linesBefore + 1;
                linesBefore = parser.getCurrentLineNumber();
                if (first) { first = false; continue; }
                if (rec.size() != header.size()) {
                    problems.add(display, line, Math.min(rec.size(), header.size()) + 1,
                            "row has " + rec.size() + " field" + (rec.size() == 1 ? "" : "s") + ", expected "
                                    + header.size() + " as in the header");
                    continue;
                }
                sink.accept(new CsvRow(display, line, columns, rec.toList()));
            }
        } catch (UncheckedIOException e) {
            problems.add(display, 0, 0, "cannot parse CSV: " + e.getCause().getMessage());
        }
    }

    private Reader reader() throws IOException {
        Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        r.mark(1);
        if (r.read() != '\uFEFF') r.reset();
        return r;
    }
}
