package org.geokg.query;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.lang.SPARQLParser;
import org.apache.jena.sparql.lang.SPARQLParserRegistry;
import org.apache.jena.sparql.lang.arq.javacc.ARQParser;
import org.apache.jena.sparql.lang.arq.javacc.ParseException;
import org.apache.jena.sparql.lang.arq.javacc.TokenMgrError;
import org.apache.jena.sys.JenaSystem;

/**
 * Jena's SPARQL (ARQ syntax) parser with three bounds, so that a hostile query gets a one-line
 * 400 from Fuseki (which maps every {@link QueryParseException} to 400) instead of a 500 and a stack
 * trace in the log:
 * <ul>
 * <li><b>time</b>: the parser reads the text through a reader that stops it once
 *     {@link #PARSE_TIME_LIMIT} has passed. Jena's grammar recurses once per triple pattern of a
 *     block and per nesting level, and its cost grows faster than the size (a block of 10,000
 *     triple patterns, 290 KB, takes about 4 s; 20,000 about 30 s);</li>
 * <li><b>stack</b>: a parse that overflows the thread's stack is reported as a query nested too
 *     deeply. Only the parse is guarded this way: the stack depth comes from the client's text;</li>
 * <li><b>shape</b>: once parsed, {@link QueryShape} refuses a query deeper than
 *     {@link QueryShape#MAX_DEPTH} (thousands of nested sub-selects, UNION branches, path
 *     alternatives or {@code ||} terms): evaluating those overflows the stack of a server thread.</li>
 * </ul>
 * {@link #install()} registers it for {@link Syntax#syntaxARQ}, the syntax Fuseki parses with.
 */
public final class BoundedQueryParser extends SPARQLParser {
    /** The longest a query may take to parse; a bigger but legitimate query (1 MiB of VALUES) needs about 0.3 s. */
    public static final Duration PARSE_TIME_LIMIT = Duration.ofMillis(1500);

    private static volatile boolean installed;

    /** Makes every ARQ-syntax query parse in this JVM (Fuseki's included) go through this parser. */
    public static synchronized void install() {
        if (installed) return;
        JenaSystem.init();
        SPARQLParserRegistry.addFactory(Syntax.syntaxARQ, new org.apache.jena.sparql.lang.SPARQLParserFactory() {
            @Override public boolean accept(Syntax syntax) { return Syntax.syntaxARQ.equals(syntax); }
            @Override public SPARQLParser create(Syntax syntax) { return new BoundedQueryParser(); }
        });
        installed = true;
    }

    @Override
    protected Query parse$(Query query, String queryString) throws QueryParseException {
        query.setSyntax(Syntax.syntaxARQ);
        DeadlineReader in = new DeadlineReader(new StringReader(queryString), System.nanoTime() + PARSE_TIME_LIMIT.toNanos());
        ARQParser parser = new ARQParser(in);
        try {
            query.setStrict(true);
            parser.setQuery(query);
            parser.QueryUnit();
        } catch (ParseException e) {
            int line = e.currentToken == null ? -1 : e.currentToken.beginLine;
            int column = e.currentToken == null ? -1 : e.currentToken.beginColumn;
            throw new QueryParseException(e.getMessage(), line, column);
        } catch (TokenMgrError e) {
            throw new QueryParseException(e.getMessage(), parser.token == null ? -1 : parser.token.endLine,
                    parser.token == null ? -1 : parser.token.endColumn);
        } catch (TooSlowToParse e) {
            throw new QueryTooComplexException("the query was not parsed within " + PARSE_TIME_LIMIT.toMillis()
                    + " ms (it has " + queryString.length() + " characters); split it into smaller queries, or use VALUES for long lists");
        } catch (StackOverflowError e) {
            throw new QueryTooComplexException("the query is nested too deeply (or has too many triple patterns in one block) to parse; "
                    + "keep nesting under " + QueryShape.MAX_DEPTH + " levels and blocks under a few thousand triple patterns");
        }
        QueryShape.check(query);
        return query;
    }

    /** A query refused for its size or shape rather than its syntax; still a client error (400). */
    public static final class QueryTooComplexException extends QueryParseException {
        private static final long serialVersionUID = 1L;

        public QueryTooComplexException(String message) {
            super(message, -1, -1);
        }
    }

    /**
     * Thrown from inside the parser's reads. An Error, not an exception: the generated token
     * manager catches every Exception from its input and takes it for the end of the text.
     */
    private static final class TooSlowToParse extends Error {
        private static final long serialVersionUID = 1L;

        TooSlowToParse() { super(null, null, false, false); }
    }

    /** Reads the query text, and stops the parse once its time is up (the parser reads as it goes). */
    private static final class DeadlineReader extends Reader {
        private final Reader in;
        private final long deadline;

        DeadlineReader(Reader in, long deadlineNanos) {
            this.in = in;
            this.deadline = deadlineNanos;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (System.nanoTime() - deadline > 0) throw new TooSlowToParse();
            // Small reads, so that the clock is looked at often while the parser works through the text.
            return in.read(buf, off, Math.min(len, 1024));
        }

        @Override
        public void close() throws IOException { in.close(); }
    }
}
