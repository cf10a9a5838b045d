package org.geokg.load;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.geokg.problem.Problems;

/**
 * A first, streaming pass over a CSV file that finds what a CSV parser reports only vaguely, at the
 * exact line and field: bytes that are not UTF-8, a quoted field that is never closed, a stray
 * quote, text after a closing quote, a NUL character, and an empty file.
 * <p>
 * <b>Recovery.</b> A lexical error does not hide the rest of the file. The record it is in is set
 * aside ({@link Result#badLines()}: the parser's pass sees those lines blank) and the check goes
 * on at the next record, so the other rows are still checked and their problems reported too.
 * A quote that opens a field and is never closed, or whose "closing" quote lines later is followed
 * by text, was most likely a stray quote: it is reported where it opened, and the check starts
 * again on the line after it (re-reading the file from there: memory stays flat).
 * <p>
 * <b>Watching.</b> The same rules also run in a {@link Watch}, a reader between the file and the
 * parser, which reports nothing and only notes where the first record with a lexical problem
 * begins. That is how a well-formed file is read only once ({@link CsvTableReader}): the full
 * check, with its recovery, runs only on a file the watch found a problem in.
 */
final class CsvLexicalCheck {
    /** After this many restarts (each one re-reads the rest of the file) the rest of the file is set aside. */
    private static final int MAX_RESTARTS = 100;

    /** What the check found beyond its problems: whether the file can be parsed, and which lines to skip. */
    record Result(boolean readable, List<long[]> badLines) {
        /** Whether {@code line} lies in a set-aside record. */
        boolean isBad(long line) {
            for (long[] r : badLines) if (line >= r[0] && line <= r[1]) return true;
            return false;
        }
    }

    private final String file;
    private final Problems problems;
    private final List<long[]> badLines = new ArrayList<>();

    private long line;              // current physical line
    private long field;             // field number within the current record
    private long recordLine;        // line the current record began on
    private boolean recordBad;      // a problem was found in the current record
    private boolean inQuotes;
    private boolean afterClosingQuote;
    private boolean quoteAtFieldStartPossible;
    private long quoteLine, quoteField;
    private long afterQuoteLineOffset;   // char offset of the line after the one a quote opened on; -1 if not reached
    private long chars;             // chars read from the start of the file (BOM excluded)
    private boolean sawContent;
    /** Set when the scan must start again from {@link #restartOffset} on line {@link #restartLine}. */
    private boolean restart;
    private long restartOffset, restartLine;
    /** The line the first record with a problem began on; {@link Long#MAX_VALUE} while there is none. */
    private long firstBadRecord = Long.MAX_VALUE;
    /** NUL characters inside the open quoted field, reported once it closes. */
    private final List<long[]> nulsInQuotes = new ArrayList<>();

    CsvLexicalCheck(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Checks the file, reporting each problem found; see {@link Result}. */
    Result check(Path path) throws IOException {
        long offset = 0, startLine = 1;
        for (int restarts = 0; ; restarts++) {
            Boolean done = scan(path, offset, startLine);
            if (done == null) return new Result(false, List.copyOf(badLines));
            if (!restart) break;
            if (restarts == MAX_RESTARTS) {
                problems.add(file, restartLine, 1, "too many broken quotes; the rest of the file, from here, is not checked");
                badLines.add(new long[] { restartLine, Long.MAX_VALUE });
                break;
            }
            offset = restartOffset;
            startLine = restartLine;
        }
        if (!sawContent)
            problems.add(file, 1, 1, "empty file; expected a header row naming the columns (see data/README.md)");
        return new Result(sawContent, List.copyOf(badLines));
    }

    /**
     * One pass from the char {@code offset} (the start of line {@code startLine}) to the end, or to
     * a restart. Returns null when the file is not UTF-8 (reported), else true.
     */
    private Boolean scan(Path path, long offset, long startLine) throws IOException {
        start(startLine);
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(path)) {
            ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
            CharBuffer cs = CharBuffer.allocate(64 * 1024);
            boolean eof = false;
            while (!eof) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) eof = true; else bytes.position(bytes.position() + n);
                bytes.flip();
                CoderResult r;
                do {
                    // At the end of input an incomplete trailing sequence is reported as malformed too.
                    r = dec.decode(bytes, cs, eof);
                    cs.flip();
                    while (cs.hasRemaining()) {
                        char c = cs.get();
                        if (chars == 0 && c == '\uFEFF') continue;   // byte order mark, as some editors write
                        if (chars++ < offset) continue;              // before the restart point
                        accept(c);
                        if (restart) return true;
                    }
                    cs.clear();
                    if (r.isError()) {
                        report(line, field, "bytes that are not valid UTF-8 (" + r.length()
                                + " bad byte" + (r.length() == 1 ? "" : "s") + " after character " + chars
                                + " of the file); expected a UTF-8 encoded file");
                        return null;
                    }
                } while (r.isOverflow());
                bytes.compact();
            }
        }
        endOfInput();
        return true;
    }

    /** Ready to read from the start of line {@code startLine}, at the start of a record. */
    private void start(long startLine) {
        line = startLine;
        field = 1;
        recordLine = startLine;
        recordBad = false;
        inQuotes = false;
        afterClosingQuote = false;
        quoteAtFieldStartPossible = true;
        restart = false;
        nulsInQuotes.clear();
        chars = 0;
    }

    private void endOfInput() {
        if (inQuotes) {
            report(quoteLine, quoteField, "quoted field opened here is never closed; expected a closing \" "
                    + "(write \"\" for a quote inside a field)");
            strayQuote();
        } else {
            endRecord();
        }
    }

    private void accept(char c) {
        if (!Character.isWhitespace(c)) sawContent = true;
        if (c == '\u0000') {
            if (inQuotes) {
                // Told once the quote closes: if it turns out to be a stray quote, the line is read again.
                if (nulsInQuotes.size() < 100) nulsInQuotes.add(new long[] { line, field });
                return;
            }
            problem("a NUL character (byte 0) in a field; expected text");
        }
        if (inQuotes) {
            if (c == '"') {
                inQuotes = false;
                afterClosingQuote = true;
                for (long[] at : nulsInQuotes) {
                    report(at[0], at[1], "a NUL character (byte 0) in a field; expected text");
                    recordBad = true;
                }
                nulsInQuotes.clear();
            }
            else if (c == '\n') {
                line++;
                if (afterQuoteLineOffset < 0) afterQuoteLineOffset = chars;
            }
            return;
        }
        if (afterClosingQuote && c == '"') { inQuotes = true; afterClosingQuote = false; return; } // "" escape
        switch (c) {
            case ',' -> { field++; afterClosingQuote = false; quoteAtFieldStartPossible = true; }
            case '\n' -> {
                endRecord();
                line++;
                field = 1;
                recordLine = line;
                afterClosingQuote = false;
                quoteAtFieldStartPossible = true;
            }
            case '\r' -> { }
            case '"' -> {
                if (quoteAtFieldStartPossible) {
                    inQuotes = true; quoteLine = line; quoteField = field; quoteAtFieldStartPossible = false;
                    afterQuoteLineOffset = -1;
                } else {
                    problem("a \" inside an unquoted field; expected the whole field in quotes with the quote doubled (\"\")");
                    quoteAtFieldStartPossible = false;
                }
            }
            default -> {
                if (afterClosingQuote) {
                    afterClosingQuote = false;
                    if (quoteLine < line) {
                        // The quote that "closed" here opened lines ago: that opening quote was the stray one.
                        report(quoteLine, quoteField, "quoted field opened here runs to line " + line
                                + ", where its closing quote is followed by text; expected a closing \" on this line "
                                + "(write \"\" for a quote inside a field)");
                        strayQuote();
                        return;
                    }
                    problem("text after the closing quote of a field; expected , or the end of the line");
                }
                quoteAtFieldStartPossible = false;
            }
        }
    }

    private void problem(String message) {
        report(line, field, message);
        recordBad = true;
    }

    /** Every problem of a record is told here: it belongs to the record being read, begun on {@link #recordLine}. */
    private void report(long atLine, long atField, String message) {
        if (firstBadRecord == Long.MAX_VALUE) firstBadRecord = recordLine;
        problems.add(file, atLine, atField, message);
    }

    private void endRecord() {
        if (recordBad) badLines.add(new long[] { recordLine, line });
        recordBad = false;
    }

    /**
     * The quote opened on {@link #quoteLine} was a stray one: its record (up to that line) is set
     * aside and the scan starts again on the next line.
     */
    private void strayQuote() {
        badLines.add(new long[] { recordLine, quoteLine });
        recordBad = false;
        nulsInQuotes.clear();
        if (afterQuoteLineOffset >= 0) {
            restart = true;
            restartOffset = afterQuoteLineOffset;
            restartLine = quoteLine + 1;
        }
    }

    /**
     * A reader that passes a CSV file's text on unchanged (to the parser) and runs the lexical rules
     * over it as it goes, reporting nothing: it notes where the first record with a problem began
     * ({@link #firstBadRecord}). Bytes that are not UTF-8 are the decoder's to find, below it: they
     * fail the read itself. A record's problem is found at one of its own characters (or at the end
     * of the file, for a quote never closed), which the parser must read before it returns the
     * record, so the watch has seen a record's problem by the time the parser hands the record on.
     */
    static final class Watch extends FilterReader {
        private final CsvLexicalCheck rules = new CsvLexicalCheck("", new Problems());
        private boolean ended;

        /** @param in the file's text from its first line, without a byte order mark */
        Watch(Reader in) {
            super(in);
            rules.start(1);
        }

        /** The line the first record with a lexical problem began on, of those read so far; {@link Long#MAX_VALUE} if none. */
        long firstBadRecord() { return rules.firstBadRecord; }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (rules.firstBadRecord != Long.MAX_VALUE) return n;   // found: the rest is the full check's
            if (n < 0) {
                if (!ended) rules.endOfInput();
                ended = true;
                return n;
            }
            for (int i = off; i < off + n && rules.firstBadRecord == Long.MAX_VALUE; i++) {
                rules.chars++;
                rules.accept(buf[i]);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            int read = read(new char[(int) Math.min(Math.max(n, 0), 8192)]);
            return Math.max(read, 0);
        }

        @Override public boolean markSupported() { return false; }

        @Override public void mark(int readAheadLimit) throws IOException { throw new IOException("mark not supported"); }

        @Override public void reset() throws IOException { throw new IOException("reset not supported"); }
    }
}
