package dev.ainews.cli.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code ainews} service as a user runs it: the shaded jar in its own JVM,
 * restartable, with every run's output appended to one log file so a failure can
 * show what the child said.
 */
final class Child implements AutoCloseable {

  /** Failsafe runs in the module directory; {@code package} built the jar before. */
  static final Path JAR = Path.of("target", "ainews.jar");

  private final String command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;
  private int starts;
  private int kills;

  Child(String command, Map<String, String> env, Path dir) {
    this.command = command;
    this.env = Map.copyOf(env);
    this.log = dir.resolve(command + ".log");
  }

  synchronized void start() {
    start(Map.of());
  }

  /** Starts with {@code extra} on top of the child's environment, for this run only. */
  synchronized void start(Map<String, String> extra) {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(command + " is already running");
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-jar", JAR.toAbsolutePath().toString(), command));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(log.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    pb.environment().putAll(extra);
    try {
      Files.writeString(log, "=== start " + (starts + 1) + " of ainews " + command + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start ainews " + command, e);
    }
    starts++;
  }

  /** SIGKILL: no shutdown hook, no flush, no transaction commit or abort. */
  synchronized void kill() {
    requireAlive();
    process.destroyForcibly();
    awaitExit(30);
    kills++;
  }

  synchronized void killAndRestart() {
    kill();
    start();
  }

  /** SIGTERM: the shutdown hook closes the app cleanly. */
  synchronized void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!awaitExit(90)) {
        process.destroyForcibly();
        awaitExit(30);
      }
    }
  }

  synchronized void requireAlive() {
    if (process == null || !process.isAlive()) {
      throw new AssertionError("ainews " + command + " is not running (exit "
          + (process == null ? "never started" : process.exitValue()) + "); its log:\n" + tail());
    }
  }

  int kills() {
    return kills;
  }

  /** The last 60 lines of the child's output, for failure messages. */
  String tail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private boolean awaitExit(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for ainews " + command + " to exit", e);
    }
  }

  @Override
  public String toString() {
    return "ainews " + command;
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      awaitExit(30);
    }
  }
}
