package org.geokg.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.geokg.problem.Problems;

/**
 * A first, streaming pass over a CSV file that finds what a CSV parser reports only vaguely, at the
 * exact line and field: bytes that are not UTF-8, a quoted field that is never closed, text after a
 * closing quote, and an empty file. Reading twice keeps memory flat and makes the parser's pass
 * simple: once this pass is clean, the file is well-formed CSV.
 */
final class CsvLexicalCheck {
    private final String file;
    private final Problems problems;

    private long line = 1;          // current physical line
    private long field = 1;         // field number within the current record
    private boolean inQuotes;
    private boolean afterClosingQuote;
    private boolean quoteAtFieldStartPossible = true;
    private long quoteLine, quoteField;
    private long chars;
    private boolean sawContent;

    CsvLexicalCheck(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Returns whether the file is lexically sound; reports each problem found otherwise. */
    boolean check(Path path) throws IOException {
        long before = problems.count();
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
                    while (cs.hasRemaining()) accept(cs.get());
                    cs.clear();
                    if (r.isError()) {
                        problems.add(file, line, field, "bytes that are not valid UTF-8 (" + r.length()
                                + " bad byte" + (r.length() == 1 ? "" : "s") + " after character " + chars
                                + " of the file); expected a UTF-8 encoded file");
                        return false;
                    }
                } while (r.isOverflow());
                bytes.compact();
            }
        }
        if (!sawContent)
            problems.add(file, 1, 1, "empty file; expected a header row naming the columns (see data/README.md)");
        if (inQuotes)
            problems.add(file, quoteLine, quoteField, "quoted field opened here is never closed; expected a closing \" (write \"\" for a quote inside a field)");
        return problems.count() == before;
    }

    private void accept(char c) {
        chars++;
        if (chars == 1 && c == '\uFEFF') { chars = 0; return; } // byte order mark, as some editors write
        if (!Character.isWhitespace(c)) sawContent = true;
        if (inQuotes) {
            if (c == '"') { inQuotes = false; afterClosingQuote = true; }
            else if (c == '\n') line++;
            return;
        }
        if (afterClosingQuote && c == '"') { inQuotes = true; afterClosingQuote = false; return; } // "" escape
        switch (c) {
            case ',' -> { field++; afterClosingQuote = false; quoteAtFieldStartPossible = true; }
            case '\n' -> { line++; field = 1; afterClosingQuote = false; quoteAtFieldStartPossible = true; }
            case '\r' -> { }
            case '"' -> {
                if (quoteAtFieldStartPossible) {
                    inQuotes = true; quoteLine = line; quoteField = field; quoteAtFieldStartPossible = false;
                } else {
                    problems.add(file, line, field, "a \" inside an unquoted field; expected the whole field in quotes with the quote doubled (\"\")");
                    quoteAtFieldStartPossible = false;
                }
            }
            default -> {
                if (afterClosingQuote) {
                    problems.add(file, line, field, "text after the closing quote of a field; expected , or the end of the line");
                    afterClosingQuote = false;
                }
                quoteAtFieldStartPossible = false;
            }
        }
    }
}
