package dev.ainews.cli;

import dev.ainews.common.Env;
import dev.ainews.common.kafka.KafkaClients;
import dev.ainews.common.kafka.TopicAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every long-running command does: find the broker, make the topics, run until Ctrl-C. */
final class Services {

  private static final Logger log = LoggerFactory.getLogger(Services.class);

  private Services() {}

  static void awaitBroker(String bootstrap) {
    try {
      KafkaClients.waitForBroker(bootstrap, Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      throw new Main.UserException(e.getMessage());
    }
  }

  static void ensureTopics(String bootstrap, Env env) {
    int partitions = env.integer("AINEWS_PARTITIONS", 3, 1, 1000);
    TopicAdmin.ensureCoreTopics(bootstrap, partitions);
  }

  /**
   * What every service command does before it starts: find the broker (one clear
   * line within seconds when there is none), create the topics, and make the
   * metrics registry with the JVM meters bound.
   */
  static io.micrometer.prometheusmetrics.PrometheusMeterRegistry prepare(String bootstrap, Env env) {
    awaitBroker(bootstrap);
    ensureTopics(bootstrap, env);
    var registry = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
        io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    bindJvm(registry);
    return registry;
  }

  /**
   * Runs a started Streams app until it stops by itself (NOT_RUNNING, ERROR) or the
   * JVM is asked to stop, then {@code close} it and run {@code cleanup}.
   */
  static int runStreamsApp(String what, Supplier<org.apache.kafka.streams.KafkaStreams.State> state, Runnable close,
      Runnable cleanup, Supplier<Throwable> failure) {
    java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    return runUntilShutdown(what, () -> {
      while (!stopping.get() && state.get() != org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING
          && state.get() != org.apache.kafka.streams.KafkaStreams.State.ERROR) {
        java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
      }
    }, () -> {
      stopping.set(true);
      close.run();
    }, cleanup, failure);
  }

  @SuppressWarnings("resource")
  static void bindJvm(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  /**
   * Runs {@code body} on this thread until it returns or the JVM is asked to stop
   * (Ctrl-C, SIGTERM). On a signal the hook calls {@code stop}, which makes the
   * body return; then this thread runs {@code cleanup} (close clients, then the
   * broker) while the hook waits for it, so the JVM does not halt half-way.
   */
  static int runUntilShutdown(String what, Runnable body, Runnable stop, Runnable cleanup,
      Supplier<Throwable> failure) {
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      log.info("stopping {}", what);
      stop.run();
      try {
        done.await(90, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "ainews-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      body.run();
    } catch (RuntimeException e) {
      log.error("{} stopped: {}", what, e.toString(), e);
    } finally {
      try {
        cleanup.run();
      } catch (RuntimeException e) {
        log.warn("cleaning up {} failed: {}", what, e.toString(), e);
      }
      done.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it waits for us
    }
    Throwable t = failure.get();
    if (t != null) {
      System.err.println("ainews " + what + ": " + t);
      return 1;
    }
    return 0;
  }

  static int runUntilShutdown(String what, Runnable body, Runnable stop, Supplier<Throwable> failure) {
    return runUntilShutdown(what, body, stop, () -> { }, failure);
  }
}
