package dev.ainews.aggregate;

import java.time.Duration;
import java.util.Objects;

/**
 * Decides whether a window's count is a burst against the value's own trailing
 * baseline (see {@code aggregate/BURSTS.md}). Pure: no Kafka, no clock; the caller
 * keeps one {@link State} per (dimension, value, window size) and feeds it every
 * update of the current window's count.
 *
 * <ul>
 *   <li>The baseline is an exponentially weighted mean and variance of the final
 *       counts of past windows of the same size. The current window never enters
 *       its own baseline: it is folded in when a later window starts.</li>
 *   <li>Windows without items are zeros: a jump from window W to W+k folds k-1
 *       zeros, so a value that went quiet decays towards a low baseline with a
 *       wide variance. A gap longer than the warm-up says nothing about the
 *       present (the source or the pipeline was away), so the history restarts.</li>
 *   <li>score = (observed - mean) / max(stddev, floor). A window is over the line
 *       when the baseline has seen {@code warmup} windows, score >= threshold and
 *       observed >= minCount. It fires once: later updates of the same window
 *       update the burst, and a window right after an over-the-line window
 *       continues the same burst instead of starting a new one.</li>
 * </ul>
 */
public final class BurstDetector {

  /**
   * @param alpha     EWMA weight of the newest window, in (0, 1]
   * @param warmup    windows folded into the baseline before it may fire
   * @param floor     lower bound of the stddev in the score, so a perfectly flat series cannot divide by zero
   * @param threshold score at or above which a window is a burst
   * @param minCount  observed count below which nothing fires (a 1 -> 4 jump is noise, not news)
   */
  public record Settings(double alpha, int warmup, double floor, double threshold, long minCount) {
    public Settings {
      if (!(alpha > 0 && alpha <= 1)) {
        throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
      }
      if (warmup < 1) {
        throw new IllegalArgumentException("warmup must be >= 1 window, was " + warmup);
      }
      if (!(floor > 0)) {
        throw new IllegalArgumentException("floor must be > 0, was " + floor);
      }
      if (!(threshold > 0)) {
        throw new IllegalArgumentException("threshold must be > 0, was " + threshold);
      }
      if (minCount < 1) {
        throw new IllegalArgumentException("minCount must be >= 1, was " + minCount);
      }
    }
  }

  /**
   * What the detector remembers of one series.
   *
   * @param windowStart  start of the current (latest) window, epoch ms
   * @param observed     its count so far
   * @param mean         EWMA mean of the past windows
   * @param variance     EWMA variance of the past windows
   * @param windows      past windows folded into the baseline (since the last restart of the history)
   * @param over         the current window is over the line at its latest update
   * @param fired        the current window started a burst
   * @param previousOver the window right before the current one ended over the line
   */
  public record State(long windowStart, long observed, double mean, double variance, int windows, boolean over,
      boolean fired, boolean previousOver) {}

  /**
   * The detector's answer to one update.
   *
   * @param state  the state to keep
   * @param score  (observed - mean) / max(stddev, floor)
   * @param fire   this update starts a burst: emit a new signal and count it
   */
  public record Verdict(State state, double baseline, double stddev, double score, boolean fire) {

    /** The window is a burst (new or already fired): its signal should be emitted or updated. */
    public boolean signal() {
      return state.fired() && state.over();
    }
  }

  private final Settings settings;
  private final long sizeMs;

  public BurstDetector(Settings settings, Duration windowSize) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sizeMs = windowSize.toMillis();
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Feeds the count of the window starting at {@code windowStart}.
   *
   * @param previous the state kept so far, null for a new series
   * @return the verdict, or null when the update is for a window older than the
   *     current one (a late record within grace): the baseline has already moved
   *     past it, so it is neither re-scored nor folded twice
   */
  public Verdict observe(State previous, long windowStart, long observed) {
    State s;
    if (previous == null) {
      s = new State(windowStart, observed, 0, 0, 0, false, false, false);
    } else if (windowStart < previous.windowStart()) {
      return null;
    } else if (windowStart == previous.windowStart()) {
      s = new State(windowStart, observed, previous.mean(), previous.variance(), previous.windows(), previous.over(),
          previous.fired(), previous.previousOver());
    } else {
      s = roll(previous, windowStart, observed);
    }
    double stddev = Math.sqrt(s.variance());
    double score = (s.observed() - s.mean()) / Math.max(stddev, settings.floor());
    boolean over = s.windows() >= settings.warmup() && score >= settings.threshold()
        && s.observed() >= settings.minCount();
    boolean fire = over && !s.fired() && !s.previousOver();
    State next = new State(s.windowStart(), s.observed(), s.mean(), s.variance(), s.windows(), over,
        s.fired() || fire, s.previousOver());
    return new Verdict(next, s.mean(), stddev, score, fire);
  }

  /** Folds the finished window and the empty windows after it, then opens {@code windowStart}. */
  private State roll(State previous, long windowStart, long observed) {
    long missing = (windowStart - previous.windowStart()) / sizeMs - 1;
    double[] mv = {previous.mean(), previous.variance()};
    int windows = fold(mv, previous.windows(), previous.observed());
    if (missing > settings.warmup()) {
      // A silence longer than the warm-up: the old history no longer predicts anything.
      mv[0] = 0;
      mv[1] = 0;
      windows = 0;
    } else {
      for (long i = 0; i < missing; i++) {
        windows = fold(mv, windows, 0);
      }
    }
    boolean previousOver = missing == 0 && previous.over();
    return new State(windowStart, observed, mv[0], mv[1], windows, false, false, previousOver);
  }

  /** One EWMA step of mean and variance (West's incremental form); the first window sets the mean. */
  private int fold(double[] meanVariance, int windows, long x) {
    if (windows == 0) {
      meanVariance[0] = x;
      meanVariance[1] = 0;
      return 1;
    }
    double alpha = settings.alpha();
    double diff = x - meanVariance[0];
    double increment = alpha * diff;
    meanVariance[0] += increment;
    meanVariance[1] = (1 - alpha) * (meanVariance[1] + diff * increment);
    return windows + 1;
  }
}
