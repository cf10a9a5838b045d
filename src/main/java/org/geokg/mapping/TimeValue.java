package org.geokg.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * A date at the precision the article gives: a year ({@code xsd:gYear}), a month
 * ({@code xsd:gYearMonth}) or a day ({@code xsd:date}). The datatype carries the precision, so a
 * year is never turned into a made-up first of January.
 */
public record TimeValue(String lexical, Precision precision) {
    public enum Precision {
        YEAR("YearPrecision", XSDDatatype.XSDgYear),
        MONTH("MonthPrecision", XSDDatatype.XSDgYearMonth),
        DAY("DayPrecision", XSDDatatype.XSDdate);

        public final String individual;
        public final XSDDatatype datatype;

        Precision(String individual, XSDDatatype datatype) {
            this.individual = individual;
            this.datatype = datatype;
        }
    }

    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    /** Parses {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}; throws with what was expected. */
    public static TimeValue parse(String s) {
        Matcher m = FORM.matcher(s);
        if (!m.matches())
            throw new IllegalArgumentException("'" + s + "' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD");
        try {
            int year = Integer.parseInt(m.group(1));
            if (m.group(2) == null) return new TimeValue(s, Precision.YEAR);
            YearMonth ym = YearMonth.of(year, Integer.parseInt(m.group(2)));
            if (m.group(3) == null) return new TimeValue(s, Precision.MONTH);
            LocalDate.of(ym.getYear(), ym.getMonthValue(), Integer.parseInt(m.group(3)));
            return new TimeValue(s, Precision.DAY);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + s + "' is not a real date (" + e.getMessage()
                    + "); expected YYYY, YYYY-MM or YYYY-MM-DD");
        }
    }

    public Node literal() { return NodeFactory.createLiteralDT(lexical, precision.datatype); }

    /** Whether this value can lie after {@code other} (compared at the coarser of the two precisions). */
    public boolean after(TimeValue other) {
        int n = Math.min(lexical.length(), other.lexical.length());
        return lexical.substring(0, n).compareTo(other.lexical.substring(0, n)) > 0;
    }
}
