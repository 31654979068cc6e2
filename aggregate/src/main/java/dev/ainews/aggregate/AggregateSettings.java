package dev.ainews.aggregate;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunables of the aggregation, one {@link PerWindow} per window size.
 *
 * <p>Grace: news arrives late by nature. A feed polled every 15-60 min, an item
 * whose publish time is the editor's draft time, a site that back-dates, a broker
 * or consumer that was down for a while: the defaults let an hourly window accept
 * items up to 6 h after it ends and a daily window up to 2 days, which covers a
 * night-long outage of ingest. Beyond that, live boards have moved on; the records
 * are counted in {@code ainews.aggregate.late} and left out of the window.
 *
 * @param hour settings of the 1 h windows
 * @param day  settings of the 1 d windows
 */
public record AggregateSettings(PerWindow hour, PerWindow day) {

  /**
   * @param grace     how long after its end a window still accepts records (event time)
   * @param retention how long windows stay queryable in the store (at least size + grace)
   * @param burst     the burst detector of this window size
   */
  public record PerWindow(Duration grace, Duration retention, BurstDetector.Settings burst) {
    public PerWindow {
      Objects.requireNonNull(grace, "grace");
      Objects.requireNonNull(retention, "retention");
      Objects.requireNonNull(burst, "burst");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("grace must not be negative, was " + grace);
      }
    }
  }

  /** How long fired signals stay queryable by {@code /api/signals}. */
  public static final Duration SIGNAL_RETENTION = Duration.ofDays(30);

  public AggregateSettings {
    Objects.requireNonNull(hour, "hour");
    Objects.requireNonNull(day, "day");
    check(TrendWindow.HOUR, hour);
    check(TrendWindow.DAY, day);
  }

  public static AggregateSettings defaults() {
    return new AggregateSettings(
        new PerWindow(Duration.ofHours(6), Duration.ofDays(30), new BurstDetector.Settings(0.1, 24, 1.0, 3.0, 5)),
        new PerWindow(Duration.ofDays(2), Duration.ofDays(400), new BurstDetector.Settings(0.2, 7, 1.0, 3.0, 10)));
  }

  public PerWindow of(TrendWindow window) {
    return window == TrendWindow.HOUR ? hour : day;
  }

  private static void check(TrendWindow w, PerWindow p) {
    if (p.retention().compareTo(w.size().plus(p.grace())) < 0) {
      throw new IllegalArgumentException(w.label() + " retention " + p.retention()
          + " is shorter than window size + grace " + w.size().plus(p.grace()));
    }
  }
}
