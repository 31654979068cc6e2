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
 *       its own baseline. The window just before it still takes late items
 *       ({@link #correct}) and is folded for good when the next window starts.</li>
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
   * What the detector remembers of one series. The window right before the current
   * one is kept out of the stored baseline until the next window starts, because
   * items of an hour keep arriving for a while after the next hour has begun
   * (feeds are polled, clocks differ): its count may still grow.
   *
   * @param windowStart      start of the current (latest) window, epoch ms
   * @param observed         its count so far
   * @param previousStart    start of the window right before it, or {@link #NONE}
   * @param previousObserved that window's count so far
   * @param mean             EWMA mean of the windows before the previous one
   * @param variance         EWMA variance of the windows before the previous one
   * @param windows          windows folded into mean and variance (since the last restart of the history)
   * @param over             the current window is over the line at its latest update
   * @param fired            the current window started a burst
   * @param previousOver     the window right before the current one was over the line
   */
  public record State(long windowStart, long observed, long previousStart, long previousObserved, double mean,
      double variance, int windows, boolean over, boolean fired, boolean previousOver) {}

  /** No previous window. */
  public static final long NONE = Long.MIN_VALUE;

  /**
   * The detector's answer to one update.
   *
   * @param state    the state to keep
   * @param baseline mean of the past windows the current one is scored against
   * @param stddev   their standard deviation
   * @param score    (observed - baseline) / max(stddev, floor)
   * @param fire     this update starts a burst: emit a new signal and count it
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
   * @return the verdict on the current window, or null when the update is for an
   *     older window (pass it to {@link #correct} instead)
   */
  public Verdict observe(State previous, long windowStart, long observed) {
    State s;
    if (previous == null) {
      s = new State(windowStart, observed, NONE, 0, 0, 0, 0, false, false, false);
    } else if (windowStart < previous.windowStart()) {
      return null;
    } else if (windowStart == previous.windowStart()) {
      s = new State(windowStart, observed, previous.previousStart(), previous.previousObserved(), previous.mean(),
          previous.variance(), previous.windows(), previous.over(), previous.fired(), previous.previousOver());
    } else {
      s = roll(previous, windowStart, observed);
    }
    double[] b = {s.mean(), s.variance()};
    int windows = s.previousStart() == NONE ? s.windows() : fold(b, s.windows(), s.previousObserved());
    double stddev = Math.sqrt(b[1]);
    double score = (s.observed() - b[0]) / Math.max(stddev, settings.floor());
    boolean over = windows >= settings.warmup() && score >= settings.threshold()
        && s.observed() >= settings.minCount();
    boolean fire = over && !s.fired() && !s.previousOver();
    State next = new State(s.windowStart(), s.observed(), s.previousStart(), s.previousObserved(), s.mean(),
        s.variance(), s.windows(), over, s.fired() || fire, s.previousOver());
    return new Verdict(next, b[0], stddev, score, fire);
  }

  /**
   * The state after a late update of an older window: the window right before the
   * current one takes the new count (it is not folded yet); an older one is
   * already in the baseline and the state is returned unchanged.
   */
  public State correct(State state, long windowStart, long observed) {
    Correction c = correctPrevious(state, windowStart, observed);
    return c == null ? state : c.state();
  }

  /**
   * The answer to a late update of the window right before the current one.
   *
   * @param state  the state to keep
   * @param fire   the late items pushed that window over the line: a burst starts there
   * @param signal that window is a burst (fired now or before): its signal should be emitted or updated
   */
  public record Correction(State state, double baseline, double stddev, double score, boolean fire, boolean signal) {}

  /**
   * Re-scores the window right before the current one after late items. Items of
   * a busy hour or day often arrive after the next window opened (feeds are polled,
   * a feed lists newest first, a replay interleaves feeds); without this a burst
   * whose tail arrives late would never fire. Null when the update is for an older,
   * already folded window.
   */
  public Correction correctPrevious(State state, long windowStart, long observed) {
    if (state == null || state.previousStart() == NONE || windowStart != state.previousStart()) {
      return null;
    }
    double stddev = Math.sqrt(state.variance());
    double score = (observed - state.mean()) / Math.max(stddev, settings.floor());
    boolean over = state.windows() >= settings.warmup() && score >= settings.threshold()
        && observed >= settings.minCount();
    // One burst, one signal: not when the previous window already fired, nor when the
    // current one already carries the burst.
    boolean fire = over && !state.previousOver() && !state.fired();
    boolean previousOver = state.previousOver() || fire;
    State next = new State(state.windowStart(), state.observed(), state.previousStart(), observed, state.mean(),
        state.variance(), state.windows(), state.over(), state.fired(), previousOver);
    return new Correction(next, state.mean(), stddev, score, fire, previousOver);
  }

  /** Opens {@code windowStart}: folds what is final (the window before the previous one, empty windows). */
  private State roll(State current, long windowStart, long observed) {
    long missing = (windowStart - current.windowStart()) / sizeMs - 1;
    double[] mv = {current.mean(), current.variance()};
    int windows = current.windows();
    if (current.previousStart() != NONE) {
      windows = fold(mv, windows, current.previousObserved());
    }
    if (missing == 0) {
      return new State(windowStart, observed, current.windowStart(), current.observed(), mv[0], mv[1], windows,
          false, false, current.over());
    }
    windows = fold(mv, windows, current.observed());
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
    return new State(windowStart, observed, NONE, 0, mv[0], mv[1], windows, false, false, false);
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
