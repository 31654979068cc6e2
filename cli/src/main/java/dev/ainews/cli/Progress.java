package dev.ainews.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A progress line on stderr: done / total, rate and ETA. On a terminal it redraws one
 * line; otherwise (a log, a CI job) it prints a line every few seconds.
 */
final class Progress {

  private static final long REDRAW_NANOS = Duration.ofMillis(250).toNanos();
  private static final long LINE_NANOS = Duration.ofSeconds(5).toNanos();

  private final String what;
  private final long startNanos = System.nanoTime();
  private final boolean terminal = System.console() != null;
  private final PrintStream err = System.err;
  private long total;
  private long last;
  private boolean drawn;

  Progress(String what, long total) {
    this.what = what;
    this.total = total;
  }

  void total(long total) {
    this.total = total;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** Redraws when enough time has passed since the last line. */
  void update(long done) {
    update(done, "");
  }

  void update(long done, String note) {
    long now = System.nanoTime();
    if (now - last < (terminal ? REDRAW_NANOS : LINE_NANOS)) {
      return;
    }
    last = now;
    String line = line(done, total, elapsed(), note);
    if (terminal) {
      err.print("\r" + line + "\u001b[K");
      drawn = true;
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Ends the bar and prints a final message on stderr. */
  void finish(String message) {
    if (drawn) {
      err.print("\r\u001b[K");
    }
    err.println(what + ": " + message + " in " + seconds(elapsed()));
    err.flush();
  }

  String line(long done, long total, Duration elapsed, String note) {
    long shown = Math.min(done, Math.max(total, done));
    double secs = Math.max(elapsed.toMillis(), 1) / 1000.0;
    double rate = shown / secs;
    StringBuilder b = new StringBuilder(what).append(' ');
    int width = 24;
    int filled = total <= 0 ? width : (int) Math.min(width, width * shown / total);
    b.append('[').append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
    b.append(shown).append('/').append(total).append(String.format(" %.0f/s", rate));
    if (rate > 0 && total > shown) {
      long eta = (long) ((total - shown) / rate);
      b.append(String.format(" ETA %d:%02d", eta / 60, eta % 60));
    }
    return note.isEmpty() ? b.toString() : b.append("  ").append(note).toString();
  }

  static String seconds(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
