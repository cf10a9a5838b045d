package org.geokg.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %boundedMsg}: the log message, cut after its first {@value #LIMIT} characters, with its
 * full length said at the end.
 * <p>
 * Fuseki logs the text of every query and update at INFO ({@code [7] Query = ...}). A query of
 * 1 MiB (or a chunked body up to the request limit) would otherwise write a line of 1 MiB; the
 * first 2 KiB show which query it was, and the length tells how big it was.
 */
public final class BoundedMessageConverter extends ClassicConverter {
    /** The most characters of one message that are written. */
    public static final int LIMIT = 2048;
    /** How Fuseki logs a request's text: {@code [12] Query = SELECT ...} (also Update). */
    private static final Pattern FUSEKI_TEXT = Pattern.compile("^\\[\\d+\\] (Query|Update) = ");

    @Override
    public String convert(ILoggingEvent event) {
        return bound(event.getFormattedMessage());
    }

    /** {@code message} itself when short enough, otherwise its head and its length. */
    public static String bound(String message) {
        if (message == null || message.length() <= LIMIT) return message;
        int end = LIMIT;
        // Never split a surrogate pair: the log stays valid UTF-8.
        if (Character.isHighSurrogate(message.charAt(end - 1))) end--;
        Matcher m = FUSEKI_TEXT.matcher(message.substring(0, Math.min(message.length(), 40)));
        String what = m.find()
                ? "the " + m.group(1).toLowerCase(java.util.Locale.ROOT) + " has " + (message.length() - m.end()) + " characters"
                : "the message has " + message.length() + " characters";
        return message.substring(0, end) + " [... cut: " + what + ", the first " + end + " of the line are logged]";
    }
}
