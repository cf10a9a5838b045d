package org.geokg.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;

/**
 * Sends the Fuseki request log (and this package's own messages) to {@code <state>/log/fuseki.log}
 * as well as the console, for as long as a server runs. Attached here rather than in logback.xml so
 * that the file lands in the state directory the server was started with, and only commands that
 * serve create it. Levels still come from logback.xml.
 */
final class ServeLogging implements AutoCloseable {
    static final String LOG_FILE = "fuseki.log";
    static final String MAX_TOTAL_PROPERTY = "kg.log.max";
    static final String MAX_TOTAL_ENV = "KG_LOG_MAX";
    static final String DEFAULT_MAX_TOTAL = "100MB";
    /** Rolled files kept besides the current one; with it, ten files share the total cap. */
    static final int ARCHIVES = 9;
    /** One line in the file: time, level, logger, the bounded message, a bounded stack trace. */
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %-8logger{0} - %boundedMsg%n%ex{40}";
    private static final List<String> LOGGERS = List.of("org.apache.jena.fuseki", "org.geokg.serve");

    private final LoggerContext context;
    private final RollingFileAppender<ILoggingEvent> appender;

    private ServeLogging(LoggerContext context, RollingFileAppender<ILoggingEvent> appender) {
        this.context = context;
        this.appender = appender;
    }

    static ServeLogging toDirectory(Path logDir) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext ctx))
            return new ServeLogging(null, null);   // not logback (should not happen): console only
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new ServeException("cannot create the log directory " + logDir + ": " + e.getMessage(), e);
        }
        String dir = logDir.toAbsolutePath().normalize().toString().replace('\\', '/');

        FileSize total = maxTotal(System.getProperty(MAX_TOTAL_PROPERTY), System.getenv(MAX_TOTAL_ENV));
        RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
        app.setContext(ctx);
        app.setName("kg-serve-file@" + dir);
        app.setFile(dir + "/" + LOG_FILE);
        app.setAppend(true);

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(ctx);
        rolling.setParent(app);
        rolling.setFileNamePattern(dir + "/fuseki.%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(ARCHIVES);
        rolling.start();
        app.setRollingPolicy(rolling);

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(ctx);
        trigger.setMaxFileSize(new FileSize(total.getSize() / (ARCHIVES + 1)));
        // The size is looked at on every line (a stat call), so no file passes its share by more
        // than one line; logback's default looks once a minute, in which a busy server could
        // write far past the cap.
        trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
        trigger.start();
        app.setTriggeringPolicy(trigger);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern(PATTERN);
        encoder.start();
        app.setEncoder(encoder);
        app.start();

        for (String name : LOGGERS)
            ctx.getLogger(name).addAppender(app);
        return new ServeLogging(ctx, app);
    }

    /**
     * The total cap from the property (first) or the environment: a size such as {@code 100MB},
     * {@code 1GB}, {@code 500kb}; at least 1 MB so each of the ten files holds some lines.
     */
    static FileSize maxTotal(String property, String env) {
        String spec = property != null && !property.isBlank() ? property.strip()
                : env != null && !env.isBlank() ? env.strip() : DEFAULT_MAX_TOTAL;
        FileSize size;
        try {
            size = FileSize.valueOf(spec);
        } catch (IllegalArgumentException e) {
            throw new ServeException("bad log size cap '" + spec + "' (" + MAX_TOTAL_PROPERTY + " / " + MAX_TOTAL_ENV
                    + "); expected a size such as 100MB or 1GB");
        }
        if (size.getSize() < FileSize.MB_COEFFICIENT)
            throw new ServeException("log size cap '" + spec + "' is below 1MB (" + MAX_TOTAL_PROPERTY + " / "
                    + MAX_TOTAL_ENV + ")");
        return size;
    }

    @Override
    public void close() {
        if (context == null) return;
        for (String name : LOGGERS) {
            Logger l = context.getLogger(name);
            l.detachAppender(appender);
        }
        appender.stop();
    }
}
