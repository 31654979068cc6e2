package dev.ainews.cli.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines on stderr, so stdout holds only the report (or the JSON). */
final class Progress {

  private final PrintStream err;
  private final long t0 = System.nanoTime();

  Progress(PrintStream err) {
    this.err = err;
  }

  void note(String message) {
    err.printf(Locale.ROOT, "[bench %6.1fs] %s%n", (System.nanoTime() - t0) / 1e9, message);
  }
}
