package dev.ainews.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BurstDetectorTest {

  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final BurstDetector.Settings HOURLY = new BurstDetector.Settings(0.1, 24, 1.0, 3.0, 5);
  private final BurstDetector detector = new BurstDetector(HOURLY, Duration.ofHours(1));

  /** Feeds each window's final count (0 = no items, so no update at all, as in the stream); returns the windows that fired. */
  private List<Integer> fired(long[] counts) {
    List<Integer> fired = new ArrayList<>();
    BurstDetector.State state = null;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        continue;
      }
      BurstDetector.Verdict v = detector.observe(state, i * HOUR, counts[i]);
      state = v.state();
      if (v.fire()) {
        fired.add(i);
      }
    }
    return fired;
  }

  /** 20 items an hour, +-4 of deterministic noise. */
  private static long[] flat(int windows, long seed) {
    Random r = new Random(seed);
    long[] c = new long[windows];
    for (int i = 0; i < windows; i++) {
      c[i] = 16 + r.nextInt(9);
    }
    return c;
  }

  @Test
  void shouldFireNothingOnAFlatSeries() {
    assertEquals(List.of(), fired(flat(500, 1)));
  }

  @Test
  void shouldFireOnceOnAFiveTimesSpike() {
    long[] c = flat(96, 2);
    c[48] = 100;
    assertEquals(List.of(48), fired(c));
  }

  @Test
  void shouldFireOnceForASpikeLastingThreeWindows() {
    long[] c = flat(96, 3);
    c[48] = 100;
    c[49] = 100;
    c[50] = 100;
    assertEquals(List.of(48), fired(c));
  }

  @Test
  void shouldFireOnceWhileTheSpikingWindowGrows() {
    BurstDetector.State state = null;
    for (int i = 0; i < 30; i++) {
      state = detector.observe(state, i * HOUR, 10).state();
    }
    int fires = 0;
    BurstDetector.Verdict last = null;
    for (long observed : new long[] {10, 20, 40, 60, 100}) {
      last = detector.observe(state, 30 * HOUR, observed);
      state = last.state();
      fires += last.fire() ? 1 : 0;
    }
    assertEquals(1, fires);
    assertTrue(last.signal());
    assertEquals(90.0, last.score(), 1e-9);
  }

  @Test
  void shouldFireOnTheWindowBeforeTheCurrentWhenItsItemsArriveAfterTheNextWindowOpened() {
    BurstDetector.State state = null;
    for (int i = 0; i < 30; i++) {
      state = detector.observe(state, i * HOUR, 2).state();
    }
    // Hour 30 opens with a few items, then hour 31's first item arrives before the rest of hour 30.
    state = detector.observe(state, 30 * HOUR, 3).state();
    BurstDetector.Verdict next = detector.observe(state, 31 * HOUR, 1);
    assertFalse(next.fire());
    state = next.state();
    BurstDetector.Correction late = detector.correctPrevious(state, 30 * HOUR, 40);
    assertTrue(late.fire(), "the late tail makes hour 30 a burst");
    assertTrue(late.signal());
    assertEquals(2.0, late.baseline(), 1e-9);
    BurstDetector.Correction later = detector.correctPrevious(late.state(), 30 * HOUR, 45);
    assertFalse(later.fire(), "one burst, one signal");
    assertTrue(later.signal(), "the signal is updated with the new count");
    assertNull(detector.correctPrevious(later.state(), 29 * HOUR, 50), "older windows are folded for good");
    assertFalse(detector.observe(later.state(), 31 * HOUR, 40).fire(), "the next window continues the burst");
  }

  @Test
  void shouldNotFireOnASlowRiseOfThreePercentPerWindow() {
    long[] c = new long[150];
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.round(20 * Math.pow(1.03, i));
    }
    assertEquals(List.of(), fired(c));
  }

  @Test
  void shouldNotFireOnNormalTrafficAfterAShortGap() {
    long[] c = flat(120, 4);
    for (int i = 48; i < 56; i++) {
      c[i] = 0;
    }
    assertEquals(List.of(), fired(c));
  }

  @Test
  void shouldRestartTheHistoryAfterAGapLongerThanTheWarmUp() {
    long[] c = flat(200, 5);
    for (int i = 48; i < 120; i++) {
      c[i] = 0;
    }
    assertEquals(List.of(), fired(c));
    BurstDetector.State before = new BurstDetector.State(47 * HOUR, 20, BurstDetector.NONE, 0, 20, 4, 47, false, false, false);
    BurstDetector.Verdict after = detector.observe(before, 120 * HOUR, 20);
    assertEquals(0, after.state().windows()); // the new window enters the baseline when the next one starts
    assertEquals(0.0, after.baseline());
  }

  @Test
  void shouldDecayTheBaselineOverEmptyWindows() {
    BurstDetector.State s = new BurstDetector.State(0, 10, BurstDetector.NONE, 0, 10, 0, 30, false, false, false);
    // Window 0 (10) is folded, then windows 1 and 2 as zeros: mean 10 -> 9 -> 8.1.
    BurstDetector.Verdict v = detector.observe(s, 3 * HOUR, 8);
    assertEquals(33, v.state().windows());
    assertEquals(8.1, v.baseline(), 1e-9);
  }

  @Test
  void shouldScoreAgainstTheBaselineOfPastWindowsOnly() {
    BurstDetector.State state = null;
    for (int i = 0; i < 24; i++) {
      state = detector.observe(state, i * HOUR, 10).state();
    }
    BurstDetector.Verdict v = detector.observe(state, 24 * HOUR, 15);
    assertEquals(10.0, v.baseline());
    assertEquals(0.0, v.stddev());
    assertEquals(5.0, v.score()); // (15 - 10) / max(0, floor 1.0)
    assertTrue(v.fire());
  }

  @Test
  void shouldNotFireBeforeTheWarmUp() {
    long[] c = new long[24];
    java.util.Arrays.fill(c, 10);
    c[23] = 100; // the 24th window: 23 past windows, one short of the warm-up
    assertEquals(List.of(), fired(c));
  }

  @Test
  void shouldNotFireBelowTheMinimumCount() {
    BurstDetector.State state = null;
    for (int i = 0; i < 30; i++) {
      state = detector.observe(state, i * HOUR, 1).state();
    }
    BurstDetector.Verdict four = detector.observe(state, 30 * HOUR, 4);
    assertEquals(3.0, four.score());
    assertFalse(four.fire());
    assertTrue(detector.observe(four.state(), 30 * HOUR, 5).fire());
  }

  @Test
  void shouldCorrectOnlyThePreviousWindowWithLateUpdates() {
    BurstDetector.State s = new BurstDetector.State(5 * HOUR, 10, 4 * HOUR, 10, 10, 0, 30, false, false, false);
    assertNull(detector.observe(s, 4 * HOUR, 100));
    assertEquals(100, detector.correct(s, 4 * HOUR, 100).previousObserved());
    assertEquals(s, detector.correct(s, 3 * HOUR, 100));
  }

  @Test
  void shouldUseTheLateCompletedCountOfThePreviousWindowInTheBaseline() {
    BurstDetector.State state = null;
    for (int i = 0; i < 30; i++) {
      state = detector.observe(state, i * HOUR, 10).state();
    }
    state = detector.observe(state, 30 * HOUR, 5).state(); // hour 30 so far
    state = detector.observe(state, 31 * HOUR, 10).state(); // hour 31 begins
    state = detector.correct(state, 30 * HOUR, 10); // the rest of hour 30 arrives
    BurstDetector.Verdict v = detector.observe(state, 32 * HOUR, 10);
    assertEquals(10.0, v.baseline());
    assertEquals(0.0, v.stddev());
  }
}
