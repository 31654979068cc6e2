package dev.ainews.cli.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Simulated time for the demo: starts at {@code start} and runs {@code speed} times faster than the wall clock. */
public final class FastClock extends Clock {

  private final Instant start;
  private final double speed;
  private volatile long startNanos = -1;

  /** A clock that stands at {@code start} until {@link #begin()}, then runs {@code speed} times faster than real time. */
  public FastClock(Instant start, double speed) {
    this.start = start;
    this.speed = speed;
  }

  /** Starts the clock; the demo calls it once the pipeline is up, so no simulated day passes during start-up. */
  public void begin() {
    if (startNanos < 0) {
      startNanos = System.nanoTime();
    }
  }

  /** A clock that covers {@code from .. to} in {@code realTime}. */
  public static FastClock covering(Instant from, Instant to, Duration realTime) {
    return new FastClock(from, (double) Duration.between(from, to).toMillis() / Math.max(1, realTime.toMillis()));
  }

  @Override
  public Instant instant() {
    long began = startNanos;
    if (began < 0) {
      return start;
    }
    return start.plusNanos((long) ((System.nanoTime() - began) * speed));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
