package io.uniapi.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records what the service logs while a test runs. Attach it after the service started: Dropwizard reconfigures
 * logging (and drops foreign appenders) at start-up.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger logger;
    private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        setName("test-capture");
        setContext(logger.getLoggerContext());
        start();
        logger.addAppender(this);
    }

    /** Everything logged by any logger. */
    public static LogCapture all() {
        return new LogCapture((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME));
    }

    @Override
    protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    public void clear() {
        events.clear();
    }

    /** Messages (with any stack trace) logged at {@code level} or above by loggers of {@code type}. */
    public List<String> lines(Level level, Class<?> type) {
        return events.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(level) && e.getLoggerName().equals(type.getName()))
                .map(LogCapture::text)
                .toList();
    }

    /** Every line logged so far, at any level, with stack traces: what a secret must never appear in. */
    public List<String> allLines() {
        return events.stream().map(LogCapture::text).toList();
    }

    private static String text(ILoggingEvent event) {
        String message = event.getLoggerName() + " " + event.getFormattedMessage();
        return event.getThrowableProxy() == null ? message
                : message + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
    }

    /** Stops recording, then asserts that no line logged so far contains any of {@code secrets}. */
    public void closeAssertingNoneOf(List<String> secrets) {
        String everything = String.join("\n", allLines());
        close();
        secrets.forEach(secret -> assertThat(everything).as("what the gateway logged").doesNotContain(secret));
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        stop();
    }
}
