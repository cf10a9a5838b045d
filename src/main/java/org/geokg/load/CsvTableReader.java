package org.geokg.load;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Streams the rows of one CSV table file through Commons CSV. The header is checked against the
 * table it names; every row's field count against the header. Rows go to a consumer one at a time,
 * so memory does not depend on the file's size.
 *
 * <p><b>A well-formed file is read once.</b> The parser reads the header when the file is opened
 * (to tell its table) and the rows, later, from the same open parser, through a
 * {@link CsvLexicalCheck.Watch} that runs the lexical rules (encoding, quoting, NUL) over the same
 * characters as they pass.
 *
 * <p><b>A file with a lexical problem is read again, from the start.</b> Commons CSV reports such
 * problems vaguely, or not at all (a stray quote inside a field, a NUL), and stops at the first; a
 * stray quote may swallow the rest of the file into one field. So as soon as the watch (or the
 * parser) finds one, before the record it is in is handed on, the reader falls back to the full
 * {@link CsvLexicalCheck}: it reports each problem at its line and field, and a second parser reads
 * the file with the records in error blanked out ({@link BlankLinesReader}), going on after the
 * rows already handed on. So the file's other rows are still checked and their problems reported in
 * the same run; nothing is loaded from such a file, since its problems fail the load. A file that
 * turns out not to be UTF-8 is read no further than its bad bytes.
 *
 * <p>A table without a header row (a GDELT export: tab-separated, unquoted) is read once: its
 * column names come from its mapping, and it has no quoting for a lexical check to find.
 */
public final class CsvTableReader {
    // Empty lines are not skipped by the parser but here (isEmptyLine): a line the parser skipped
    // would no longer count, and every later row would be reported a line too early.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .get();

    private final Path path;
    private final String display;
    private final Problems problems;
    private Table table;
    private List<String> header;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private boolean headerRow = true;
    /** Watches the one pass over a file not yet known to have a lexical problem; null once checked in full. */
    private CsvLexicalCheck.Watch watch;

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
        // The one pass: a header the watch and the parser both accept, of a table the file can be.
        Problems headerProblems = new Problems();
        try {
            watch = new CsvLexicalCheck.Watch(reader());
            parser = CSVParser.builder().setReader(watch).setFormat(FORMAT).get();
            table = readHeader(known, headerProblems);
        } catch (CharacterCodingException | UncheckedIOException e) {   // not UTF-8, or not CSV
            table = null;
        }
        if (table != null && headerProblems.isEmpty() && watch.firstBadRecord() > parser.getCurrentLineNumber())
            return table;
        // Anything wrong with the header, or before it: the full check says what, as below.
        close();
        return openChecked(known);
    }

    /**
     * Opens the file after the full lexical check, which reports its problems; records with one are
     * blank for the parser, and the other rows go on.
     */
    private Table openChecked(List<Table> known) throws IOException {
        watch = null;
        CsvLexicalCheck.Result lexical = new CsvLexicalCheck(display, problems).check(path);
        // A file that is not UTF-8 or empty cannot be read; a broken header says nothing of the table.
        if (!lexical.readable() || lexical.isBad(1)) return null;
        parser = CSVParser.builder().setReader(checkedReader(lexical)).setFormat(FORMAT).get();
        try {
            table = readHeader(known, problems);
            return table == null ? close() : table;
        } catch (UncheckedIOException e) {
            problems.add(display, 1, 0, "cannot parse CSV: " + e.getCause().getMessage());
            return close();
        }
    }

    /** Reads the header row from the open parser and tells its table; null (reported) if it names none. */
    private Table readHeader(List<Table> known, Problems report) {
        records = parser.iterator();
        if (!records.hasNext()) {
            report.add(display, 1, 1, "no header row; expected the column names of a table (see data/README.md)");
            return null;
        }
        header = new ArrayList<>();
        CSVRecord first = records.next();
        while (isEmptyLine(first) && records.hasNext()) first = records.next();   // empty lines before it
        if (isEmptyLine(first)) {
            report.add(display, 1, 1, "no header row; expected the column names of a table (see data/README.md)");
            return null;
        }
        for (String h : first) header.add(h.strip());
        return checkHeader(known, report);
    }

    /** The file's text for a parser, its set-aside records blank. */
    private Reader checkedReader(CsvLexicalCheck.Result lexical) throws IOException {
        return lexical.badLines().isEmpty() ? reader() : new BlankLinesReader(reader(), lexical);
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

    /** The column names, as the header has them (after {@link #open}). */
    public List<String> header() { return List.copyOf(header); }

    /** An empty line (or a blanked, set-aside record): one empty field. */
    private static boolean isEmptyLine(CSVRecord rec) {
        return rec.size() == 1 && rec.get(0).isEmpty();
    }

    private Table close() throws IOException {
        if (parser != null) parser.close();
        parser = null;
        return null;
    }

    private Table checkHeader(List<Table> known, Problems problems) {
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
        try {
            // The header (when there is one) ended on this line, and the parser has consumed its line break.
            long handledThrough = parser.getCurrentLineNumber();
            if (watch != null) {
                handledThrough = rows(columns, sink, 0);
                if (handledThrough < 0) return;   // read once, to the end
                // A lexical problem, in a record not handed on: the full check, then the rest of the file.
                parser.close();
                watch = null;
                CsvLexicalCheck.Result lexical = new CsvLexicalCheck(display, problems).check(path);
                if (!lexical.readable()) return;
                parser = CSVParser.builder().setReader(checkedReader(lexical)).setFormat(FORMAT).get();
                records = parser.iterator();
            }
            rows(columns, sink, handledThrough);
        } finally {
            close();
        }
    }

    /**
     * Hands on the rows of the records that begin after line {@code after}, to the end of the file;
     * returns -1. While a {@link #watch} is on, stops instead at the first record it (or the parser)
     * finds a lexical problem in, before handing that record on, and returns the line the records
     * handed on so far end on.
     */
    private long rows(Map<String, Integer> columns, Consumer<CsvRow> sink, long after) throws IOException {
        long linesBefore = parser.getCurrentLineNumber();
        try {
            while (records.hasNext()) {
                CSVRecord rec = records.next();
                // The record began on the line after the last line break the parser had consumed.
                long line = linesBefore + 1;
                if (watch != null && watch.firstBadRecord() <= parser.getCurrentLineNumber()) return linesBefore;
                linesBefore = parser.getCurrentLineNumber();
                if (line <= after || isEmptyLine(rec)) continue;   // handed on before the full check
                if (rec.size() != header.size()) {
                    problems.add(display, line, Math.min(rec.size(), header.size()) + 1,
                            "row has " + rec.size() + " field" + (rec.size() == 1 ? "" : "s") + ", expected "
                                    + header.size() + (headerRow ? " as in the header" : " as its mapping names"));
                    continue;
                }
                // The record's own array, not a copy (toList() streams it into a new list): the record is dropped here.
                sink.accept(new CsvRow(display, line, columns, Arrays.asList(rec.values())));
            }
            if (watch != null && watch.firstBadRecord() != Long.MAX_VALUE) return linesBefore;
        } catch (UncheckedIOException e) {
            if (watch != null) return linesBefore;
            problems.add(display, 0, 0, "cannot parse CSV: " + e.getCause().getMessage());
        }
        return -1;
    }

    private Reader reader() throws IOException {
        Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        try {
            r.mark(1);
            if (r.read() != '\uFEFF') r.reset();
            return r;
        } catch (IOException e) {   // not UTF-8 from its first bytes: the full check says where
            r.close();
            throw e;
        }
    }

    /** The file's text with the lines of set-aside records emptied (their line breaks kept, so lines still count). */
    static final class BlankLinesReader extends java.io.FilterReader {
        private final List<long[]> ranges;   // sorted by first line
        private int next;                     // the first range that does not end before the current line
        private long line = 1;
        private boolean blank;

        BlankLinesReader(Reader in, CsvLexicalCheck.Result lexical) {
            super(in);
            List<long[]> sorted = new ArrayList<>(lexical.badLines());
            sorted.sort(java.util.Comparator.comparingLong(r -> r[0]));
            this.ranges = sorted;
            blank = isBad();
        }

        /** Whether the current line is set aside; lines only grow, so the ranges are walked once. */
        private boolean isBad() {
            while (next < ranges.size() && ranges.get(next)[1] < line) next++;
            for (int i = next; i < ranges.size() && ranges.get(i)[0] <= line; i++)
                if (ranges.get(i)[1] >= line) return true;
            return false;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int n;
            while ((n = read(one, 0, 1)) == 0) { /* a blanked char: read on */ }
            return n < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            while (true) {
                int n = in.read(buf, off, len);
                if (n <= 0) return n;
                int kept = off;
                for (int i = off; i < off + n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        buf[kept++] = c;
                        line++;
                        blank = isBad();
                    } else if (!blank) {
                        buf[kept++] = c;
                    }
                }
                if (kept > off) return kept - off;
                // Everything read was blanked: read more rather than return 0, which means nothing to readers.
            }
        }
    }
}
