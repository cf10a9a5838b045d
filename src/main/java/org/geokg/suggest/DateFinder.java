package org.geokg.suggest;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.geokg.suggest.Draft.DateMention;
import org.geokg.suggest.EnglishNlp.Token;

/**
 * Date expressions in a sentence's tokens, each with the precision the text gives: a day
 * ("March 12, 2025"), a month ("February 2022"), a year ("in 2021"), or a range ("early 2025",
 * "after January 2025", "in the last ten years"). An expression that needs the publication date to
 * be read ("March 12" without a year, "last year", "Friday", "in July") is resolved against it
 * and marked as needing confirmation; without a publication date it is listed unresolved.
 */
final class DateFinder {
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("fifteen", 15), Map.entry("twenty", 20));
    /** Words before a month name that make "May" or "March" a date rather than a verb. */
    private static final Set<String> DATE_PREPOSITIONS = Set.of("in", "on", "since", "by", "until", "till", "from",
            "after", "before", "during", "last", "next", "this", "early", "mid", "late", "of", "between", "and", "to");

    /** The publication date, at the precision known (null: unknown). */
    private final LocalDate publishedDay;   // set when a day is known
    private final YearMonth publishedMonth; // set when at least a month is known
    private final Integer publishedYear;
    private final String published;

    DateFinder(String published) {
        this.published = published == null || published.isBlank() ? null : published.strip();
        LocalDate d = null; YearMonth m = null; Integer y = null;
        if (this.published != null) {
            String p = this.published;
            if (p.matches("\\d{4}-\\d{2}-\\d{2}")) { d = LocalDate.parse(p); m = YearMonth.from(d); y = d.getYear(); }
            else if (p.matches("\\d{4}-\\d{2}")) { m = YearMonth.parse(p); y = m.getYear(); }
            else if (p.matches("\\d{4}")) y = Integer.parseInt(p);
            else throw new IllegalArgumentException("--published: '" + p + "' is not YYYY, YYYY-MM or YYYY-MM-DD");
        }
        publishedDay = d; publishedMonth = m; publishedYear = y;
    }

    static boolean isYear(Token t) {
        return t.text().matches("1[89]\\d\\d|20\\d\\d|2100");
    }

    static int month(Token t) {
        return t.capitalized() ? MONTHS.indexOf(t.lower()) + 1 : 0;
    }

    static boolean isDay(Token t) { return t.text().matches("[1-9]|[12]\\d|3[01]"); }

    private static String relationBefore(List<Token> tokens, int i) {
        if (i <= 0) return "at";
        return switch (tokens.get(i - 1).lower()) {
            case "since" -> "since";
            case "after" -> "after";
            case "before" -> "before";
            case "until", "till" -> "until";
            default -> "at";
        };
    }

    /** Every date expression of the sentence; {@code text} is the paragraph the offsets point into. */
    List<DateMention> find(String text, int paragraph, List<Token> tokens) {
        List<DateMention> out = new ArrayList<>();
        int n = tokens.size();
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            String w = t.lower();
            int first = i, last = -1;
            String value = null, precision = null, earliest = null, latest = null;
            boolean confirm = false;
            String resolvedFrom = "";
            String relation = relationBefore(tokens, i);

            if ((w.equals("early") || w.equals("mid") || w.equals("late")) && i + 1 < n && isYear(tokens.get(i + 1))) {
                // A part of a year: its first, middle or last third, never later than the publication.
                int y = Integer.parseInt(tokens.get(i + 1).text());
                int from = w.equals("early") ? 1 : w.equals("mid") ? 5 : 9;
                YearMonth a = YearMonth.of(y, from), b = YearMonth.of(y, from + 3);
                if (publishedMonth != null && b.isAfter(publishedMonth) && !a.isAfter(publishedMonth)) b = publishedMonth;
                earliest = a.toString(); latest = b.toString(); precision = "range"; last = i + 1;
            } else if (month(t) > 0 && (i == 0 || DATE_PREPOSITIONS.contains(tokens.get(i - 1).lower())
                    || (i + 1 < n && (isDay(tokens.get(i + 1)) || isYear(tokens.get(i + 1)))))) {
                int m = month(t);
                if (i + 1 < n && isDay(tokens.get(i + 1))) { // March 12[, 2025]
                    int d = Integer.parseInt(tokens.get(i + 1).text());
                    int j = i + 2;
                    if (j < n && tokens.get(j).text().equals(",")) j++;
                    if (j < n && isYear(tokens.get(j))) { value = LocalDate.of(Integer.parseInt(tokens.get(j).text()), m, d).toString(); last = j; }
                    else { value = dayWithoutYear(m, d); last = i + 1; confirm = true; resolvedFrom = "year from the publication date"; }
                    precision = "day";
                } else if (i + 1 < n && isYear(tokens.get(i + 1))) { // February 2022
                    value = YearMonth.of(Integer.parseInt(tokens.get(i + 1).text()), m).toString(); precision = "month"; last = i + 1;
                } else { // in July
                    value = monthWithoutYear(m); precision = "month"; last = i; confirm = true;
                    resolvedFrom = "the latest such month up to the publication date";
                }
                if (i > 0 && isDay(tokens.get(i - 1)) && precision.equals("month")) { // 12 March 2025
                    first = i - 1;
                    String y = value == null ? null : value.substring(0, 4);
                    value = y == null ? null : LocalDate.of(Integer.parseInt(y), m, Integer.parseInt(tokens.get(i - 1).text())).toString();
                    precision = "day";
                    relation = relationBefore(tokens, first);
                }
            } else if (isYear(t) && t.pos().equals("NUM")) {
                value = t.text(); precision = "year"; last = i;
            } else if ((w.equals("last") || w.equals("this") || w.equals("next")) && i + 1 < n
                    && Set.of("year", "month", "week").contains(tokens.get(i + 1).lower())) {
                int delta = w.equals("last") ? -1 : w.equals("next") ? 1 : 0;
                String unit = tokens.get(i + 1).lower();
                last = i + 1; confirm = true; resolvedFrom = w + " " + unit + " from the publication date";
                if (unit.equals("year")) { precision = "year"; value = publishedYear == null ? null : Integer.toString(publishedYear + delta); }
                else if (unit.equals("month")) { precision = "month"; value = publishedMonth == null ? null : publishedMonth.plusMonths(delta).toString(); }
                else { precision = "range"; if (publishedDay != null) { earliest = publishedDay.plusWeeks(delta).minusDays(6).toString(); latest = publishedDay.plusWeeks(delta).toString(); } }
            } else if ((w.equals("last") || w.equals("past")) && i + 2 < n && tokens.get(i + 2).lower().startsWith("year")
                    && number(tokens.get(i + 1)) > 0) {
                // "in the last ten years": a range relative to the publication, from ten years before it
                // (a year: "ten years" is a round figure) to the publication date (at its own precision).
                int k = number(tokens.get(i + 1));
                if (i > 0 && tokens.get(i - 1).lower().equals("the")) first = i - 1;
                precision = "range"; last = i + 2; confirm = true; resolvedFrom = "counted back from the publication date";
                if (publishedYear != null) { earliest = Integer.toString(publishedYear - k); latest = published; }
                else resolvedFrom += " (unknown: no publication date given)";
            } else if (weekday(w) != null && t.capitalized()) {
                precision = "day"; last = i; confirm = true; resolvedFrom = "the latest " + t.text() + " up to the publication date";
                if (publishedDay != null) {
                    LocalDate d = publishedDay;
                    while (d.getDayOfWeek() != weekday(w)) d = d.minusDays(1);
                    value = d.toString();
                }
            } else if (w.equals("yesterday") || w.equals("today")) {
                precision = "day"; last = i; confirm = true; resolvedFrom = w + ", from the publication date";
                if (publishedDay != null) value = (w.equals("today") ? publishedDay : publishedDay.minusDays(1)).toString();
            }
            if (last < 0) continue;
            if (!precision.equals("range") && (relation.equals("after") || relation.equals("before"))) {
                // "after January 2025": only one bound is known, and it excludes the date named
                // (February 2025 at the earliest); "before 2020": 2019 at the latest.
                String bound = value == null ? null : step(value, relation.equals("after") ? 1 : -1);
                if (relation.equals("after")) earliest = bound; else latest = bound;
                value = null; precision = "range";
            }
            if ("range".equals(precision)) { if (earliest == null) earliest = ""; if (latest == null) latest = ""; }
            if (value == null && !"range".equals(precision)) resolvedFrom = resolvedFrom + " (unknown: no publication date given)";
            int start = tokens.get(first).start(), end = tokens.get(last).end();
            out.add(new DateMention(paragraph, start, end, text.substring(start, end), value == null ? "" : value, precision,
                    earliest == null ? "" : earliest, latest == null ? "" : latest, relation, confirm, resolvedFrom));
            i = last;
        }
        return out;
    }

    /** The next (or previous) day, month or year of a date at its own precision. */
    static String step(String date, int delta) {
        if (date.length() == 4) return Integer.toString(Integer.parseInt(date) + delta);
        if (date.length() == 7) return YearMonth.parse(date).plusMonths(delta).toString();
        return LocalDate.parse(date).plusDays(delta).toString();
    }

    private static int number(Token t) {
        if (t.text().matches("\\d{1,3}")) return Integer.parseInt(t.text());
        return NUMBERS.getOrDefault(t.lower(), 0);
    }

    private static DayOfWeek weekday(String w) {
        for (DayOfWeek d : DayOfWeek.values()) if (d.name().toLowerCase(Locale.ROOT).equals(w)) return d;
        return null;
    }

    /** "March 12": that day in the publication year, or the year before if it would lie after the publication. */
    private String dayWithoutYear(int m, int d) {
        if (publishedYear == null) return null;
        LocalDate x = LocalDate.of(publishedYear, m, d);
        if (publishedDay != null && x.isAfter(publishedDay)) x = x.minusYears(1);
        else if (publishedDay == null && publishedMonth != null && YearMonth.from(x).isAfter(publishedMonth)) x = x.minusYears(1);
        return x.toString();
    }

    private String monthWithoutYear(int m) {
        if (publishedYear == null) return null;
        YearMonth x = YearMonth.of(publishedYear, m);
        if (publishedMonth != null && x.isAfter(publishedMonth)) x = x.minusYears(1);
        return x.toString();
    }
}
