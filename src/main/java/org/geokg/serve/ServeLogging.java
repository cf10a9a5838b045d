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
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;

/**
 * Sends the Fuseki request log (and this package's own messages) to {@code <state>/log/fuseki.log}
 * as well as the console, for as long as a server runs. Attached here rather than in logback.xml so
 * that the file lands in the state directory the server was started with, and only commands that
 * serve create it. Levels still come from logback.xml.
 */
final class ServeLogging implements AutoCloseable {
    static final String LOG_FILE = "fuseki.log";
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

        RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
        app.setContext(ctx);
        app.setName("kg-serve-file@" + dir);
        app.setFile(dir + "/" + LOG_FILE);
        app.setAppend(true);

        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(ctx);
        policy.setParent(app);
        policy.setFileNamePattern(dir + "/fuseki.%d{yyyy-MM-dd}.log");
        policy.setMaxHistory(30);
        policy.start();
        app.setRollingPolicy(policy);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %-8logger{0} - %msg%n");
        encoder.start();
        app.setEncoder(encoder);
        app.start();

        for (String name : LOGGERS)
            ctx.getLogger(name).addAppender(app);
        return new ServeLogging(ctx, app);
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
