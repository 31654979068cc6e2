package dev.ainews.cli.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a sampled series (heap, RSS, lag) stays flat over a soak. A series is
 * {@code growing} when both hold: the least-squares slope over its second half
 * exceeds {@code slopeLimit} per minute, and the median of its last quarter exceeds
 * the median of its first quarter by more than {@code margin}. Either alone is noise:
 * a restart near the end tilts the slope, a warm-up step moves the medians.
 * Fewer than 8 samples are {@code too_short} to judge.
 *
 * @param slopeLimit units per minute
 * @param margin     units
 */
record SoakTrend(String unit, double slopeLimit, double margin) {

  static final int MIN_SAMPLES = 8;

  /**
   * @param minutes sample times, minutes since the start, ascending
   * @param values  the series, same length
   * @return slope (second half, per minute), first- and last-quarter medians, verdict and the rule
   */
  Map<String, Object> judge(double[] minutes, double[] values) {
    if (minutes.length != values.length) {
      throw new IllegalArgumentException(minutes.length + " times for " + values.length + " values");
    }
    int n = values.length;
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("unit", unit);
    r.put("samples", n);
    if (n < MIN_SAMPLES) {
      r.put("verdict", "too_short");
      r.put("rule", rule());
      return r;
    }
    int half = n / 2;
    double slope = slope(Arrays.copyOfRange(minutes, half, n), Arrays.copyOfRange(values, half, n));
    int quarter = n / 4;
    double first = median(Arrays.copyOfRange(values, 0, quarter));
    double last = median(Arrays.copyOfRange(values, n - quarter, n));
    boolean growing = slope > slopeLimit && last - first > margin;
    r.put("slope_second_half_per_min", round(slope));
    r.put("median_first_quarter", round(first));
    r.put("median_last_quarter", round(last));
    r.put("verdict", growing ? "growing" : "flat");
    r.put("rule", rule());
    return r;
  }

  String rule() {
    return "growing if slope of the second half > " + fmt(slopeLimit) + " " + unit + "/min and last-quarter median"
        + " > first-quarter median + " + fmt(margin) + " " + unit;
  }

  /** Least-squares slope of y over x; 0 for fewer than two distinct x. */
  static double slope(double[] x, double[] y) {
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
