package dev.ainews.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakTrendTest {

  private static final SoakTrend HEAP = new SoakTrend("MiB", 2, 16);
  private static final double[] MINUTES = {0, 1, 2, 3, 4, 5, 6, 7};

  @Test
  void shouldFitTheLeastSquaresSlope() {
    assertEquals(3.0, SoakTrend.slope(new double[] {0, 1, 2, 3}, new double[] {1, 4, 7, 10}), 1e-12);
    assertEquals(0.0, SoakTrend.slope(new double[] {2, 2}, new double[] {1, 5}), 1e-12);
  }

  @Test
  void shouldTakeTheMiddleOrTheMeanOfTheTwoMiddlesAsMedian() {
    assertEquals(3.0, SoakTrend.median(new double[] {5, 1, 3}), 1e-12);
    assertEquals(2.5, SoakTrend.median(new double[] {4, 1, 3, 2}), 1e-12);
  }

  @Test
  void shouldCallASteadyClimbGrowing() {
    Map<String, Object> r = HEAP.judge(MINUTES, new double[] {300, 310, 320, 330, 340, 350, 360, 370});

    assertEquals("growing", r.get("verdict"));
    assertEquals(10.0, r.get("slope_second_half_per_min"));
    assertEquals(305.0, r.get("median_first_quarter"));
    assertEquals(365.0, r.get("median_last_quarter"));
  }

  @Test
  void shouldCallNoiseAroundALevelFlat() {
    Map<String, Object> r = HEAP.judge(MINUTES, new double[] {300, 305, 298, 303, 301, 299, 304, 300});

    assertEquals("flat", r.get("verdict"));
  }

  @Test
  void shouldNotCallASpikeAtTheEndGrowingWhenTheMediansHold() {
    // A restart in the last minute tilts the second half's slope; the quarters' medians do not move.
    double[] minutes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    Map<String, Object> r = HEAP.judge(minutes, new double[] {300, 300, 300, 300, 300, 300, 300, 300, 300, 300, 300,
        400});

    assertEquals(14.29, r.get("slope_second_half_per_min"));
    assertEquals(300.0, r.get("median_last_quarter"));
    assertEquals("flat", r.get("verdict"));
  }

  @Test
  void shouldNotJudgeFewerThanEightSamples() {
    Map<String, Object> r = HEAP.judge(new double[] {0, 1, 2}, new double[] {1, 2, 3});

    assertEquals("too_short", r.get("verdict"));
    assertEquals("growing if slope of the second half > 2 MiB/min and last-quarter median > first-quarter median"
        + " + 16 MiB", r.get("rule"));
  }
}
