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
import org.geokg.problem.Problems;

/**
 * Streams the rows of one CSV table file: a lexical check first (encoding, quoting), then Commons
 * CSV. The header is checked against the table it names; every row's field count against the
 * header. Rows go to a consumer one at a time, so memory does not depend on the file's size.
 *
 * <p>A file is read twice: once by the lexical check, once by the parser, which reads the header
 * when the file is opened (to tell its table) and the rows, later, from the same open parser. The
 * separate lexical pass is deliberate: the parser only ever sees well-formed CSV, and no row of a
 * file with a lexical error is mapped.
 *
 * <p>A table without a header row (a GDELT export: tab-separated, unquoted) is read once: its
 * column names come from its mapping, and it has no quoting for a lexical check to find.
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
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private boolean headerRow = true;

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
    public Table open(List<Table> known) throws IOException {
        if (!new CsvLexicalCheck(display, problems).check(path)) return null;
        parser = CSVParser.builder().setReader(reader()).setFormat(FORMAT).get();
        try {
            records = parser.iterator();
            if (!records.hasNext()) {
                problems.add(display, 1, 1, "no header row; expected the column names of a table (see data/README.md)");
                return close();
            }
            header = new ArrayList<>();
            for (String h : records.next()) header.add(h.strip());
            table = checkHeader(known);
            return table == null ? close() : table;
        } catch (UncheckedIOException e) {
            problems.add(display, 1, 0, "cannot parse CSV: " + e.getCause().getMessage());
            return close();
        }
    }

    /**
     * Opens a file without a header row, whose columns {@code table}'s mapping names in order
     * ({@code kgm:fieldNames}), separated by {@code delimiter}, without quoting.
     */
    public void openWithoutHeader(Table table, List<String> fieldNames, char delimiter) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setQuote(null)
                .setIgnoreEmptyLines(true).get();
        parser = CSVParser.builder().setReader(reader()).setFormat(format).get();
        records = parser.iterator();
        header = fieldNames;
        headerRow = false;
        this.table = table;
    }

    private Table close() throws IOException {
        if (parser != null) parser.close();
        parser = null;
        return null;
    }

    private Table checkHeader(List<Table> known) {
        Table t = Table.detect(known, header);
        if (t == null) {
            problems.add(display, 1, 1, "unknown table; expected " + Table.describeExpected(known, header));
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
                        + " table; expected one of " + String.join(", ", t.required()) + ", " + String.join(", ", t.optional()));
                ok = false;
            }
        }
        return ok ? t : null;
    }

    /** Streams the data rows (after a successful {@link #open}) to {@code sink}, then closes the file. */
    public void rows(Consumer<CsvRow> sink) throws IOException {
        if (table == null) throw new IllegalStateException("open() first");
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) columns.put(header.get(i), i);
        try (CSVParser p = parser) {
            // The header (when there is one) was line 1, and the parser has consumed its line break.
            long linesBefore = p.getCurrentLineNumber();
            while (records.hasNext()) {
                CSVRecord rec = records.next();
                // The record began on the line after the last line break the parser had consumed.
                long line = linesBefore + 1;
                linesBefore = p.getCurrentLineNumber();
                if (rec.size() != header.size()) {
                    problems.add(display, line, Math.min(rec.size(), header.size()) + 1,
                            "row has " + rec.size() + " field" + (rec.size() == 1 ? "" : "s") + ", expected "
                                    + header.size() + (headerRow ? " as in the header" : " as its mapping names"));
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
