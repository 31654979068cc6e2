package dev.ainews.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends the detailed log to a file and leaves only warnings on the terminal, without the retried transactional
 * writes ({@link RetriedTransactionNoise}).
 */
final class Logging {

  private Logging() {}

  static void toFile(Path file) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
      return;
    }
    ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(ctx);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
    fileAppender.setContext(ctx);
    fileAppender.setName("FILE");
    fileAppender.setFile(file.toString());
    fileAppender.setAppend(true);
    fileAppender.setEncoder(encoder);
    fileAppender.start();
    Appender<ILoggingEvent> console = root.getAppender("CONSOLE");
    if (console != null) {
      ThresholdFilter warn = new ThresholdFilter();
      warn.setLevel(Level.WARN.levelStr);
      warn.start();
      console.addFilter(warn);
      RetriedTransactionNoise retried = new RetriedTransactionNoise();
      retried.start();
      console.addFilter(retried);
    }
    root.addAppender(fileAppender);
  }
}
