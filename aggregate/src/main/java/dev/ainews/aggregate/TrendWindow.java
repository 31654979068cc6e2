package dev.ainews.aggregate;

import java.time.Duration;

/** The two tumbling window sizes of the aggregate app, aligned to the epoch (UTC hours and days). */
public enum TrendWindow {
  HOUR("1h", Duration.ofHours(1)),
  DAY("1d", Duration.ofDays(1));

  private final String label;
  private final Duration size;

  TrendWindow(String label, Duration size) {
    this.label = label;
    this.size = size;
  }

  /** {@code 1h} or {@code 1d}: the label in topic names, records, metric tags and the API. */
  public String label() {
    return label;
  }

  public Duration size() {
    return size;
  }

  /** Start of the window holding {@code timestampMs}, as Kafka Streams' tumbling windows compute it. */
  public long startOf(long timestampMs) {
    return timestampMs - Math.floorMod(timestampMs, size.toMillis());
  }

  /** The window with this label, or null. */
  public static TrendWindow byLabel(String label) {
    for (TrendWindow w : values()) {
      if (w.label.equals(label)) {
        return w;
      }
    }
    return null;
  }
}
