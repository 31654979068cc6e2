package dev.ainews.ingest.fetch;

import dev.ainews.common.ConfigException;
import dev.ainews.common.Env;
import java.time.Duration;
import java.util.Objects;

/**
 * How the fetcher talks to feed servers.
 *
 * @param userAgent sent on every request; says who we are and where to complain
 * @param connectTimeout TCP (and TLS) connect timeout per hop
 * @param deadline total time for one fetch: every redirect hop, headers and body. A server that
 *     drips one byte a second is cut off here, not after the whole feed has trickled in
 * @param maxBytes cap on the decompressed body; a larger body is {@link FetchOutcome#TOO_LARGE}
 * @param maxRedirects redirects followed before {@link FetchOutcome#TOO_MANY_REDIRECTS}
 * @param perHostConcurrency fetches in flight at once against one host name
 * @param allowPrivateNetworks when false, URLs resolving to loopback, private, link-local (cloud
 *     metadata) and similar addresses are {@link FetchOutcome#BLOCKED}
 */
public record FetchConfig(
    String userAgent,
    Duration connectTimeout,
    Duration deadline,
    long maxBytes,
    int maxRedirects,
    int perHostConcurrency,
    boolean allowPrivateNetworks) {

  public static final String DEFAULT_USER_AGENT =
      "ainews/0.1 (+https://github.com/ainews; feed reader)";
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  /** 15 MiB: far above any sane feed, far below what would hurt the heap. */
  public static final long DEFAULT_MAX_BYTES = 15L * 1024 * 1024;
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  public static final int DEFAULT_PER_HOST_CONCURRENCY = 2;

  public FetchConfig {
    Objects.requireNonNull(userAgent, "userAgent");
    if (userAgent.isBlank()) {
      throw new IllegalArgumentException("userAgent must not be blank");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(deadline, "deadline");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must be >= 0, got " + maxRedirects);
    }
    if (perHostConcurrency < 1) {
      throw new IllegalArgumentException(
          "perHostConcurrency must be >= 1, got " + perHostConcurrency);
    }
  }

  public static FetchConfig defaults() {
    return new FetchConfig(
        DEFAULT_USER_AGENT,
        DEFAULT_CONNECT_TIMEOUT,
        DEFAULT_DEADLINE,
        DEFAULT_MAX_BYTES,
        DEFAULT_MAX_REDIRECTS,
        DEFAULT_PER_HOST_CONCURRENCY,
        false);
  }

  /**
   * Reads AINEWS_USER_AGENT, AINEWS_FETCH_CONNECT_TIMEOUT, AINEWS_FETCH_DEADLINE (durations such
   * as {@code 10s}), AINEWS_FETCH_MAX_BYTES, AINEWS_FETCH_PER_HOST and
   * AINEWS_ALLOW_PRIVATE_NETWORKS; unset variables keep the defaults.
   *
   * @throws ConfigException naming the variable when a value is invalid
   */
  public static FetchConfig fromEnv(Env env) {
    return new FetchConfig(
        env.string("AINEWS_USER_AGENT", DEFAULT_USER_AGENT),
        positive(env, "AINEWS_FETCH_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT),
        positive(env, "AINEWS_FETCH_DEADLINE", DEFAULT_DEADLINE),
        env.longValue("AINEWS_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES, 1024, 1L << 30),
        DEFAULT_MAX_REDIRECTS,
        env.integer("AINEWS_FETCH_PER_HOST", DEFAULT_PER_HOST_CONCURRENCY, 1, 64),
        env.bool("AINEWS_ALLOW_PRIVATE_NETWORKS", false));
  }

  public FetchConfig withDeadline(Duration newDeadline) {
    return new FetchConfig(userAgent, connectTimeout, newDeadline, maxBytes, maxRedirects,
        perHostConcurrency, allowPrivateNetworks);
  }

  public FetchConfig withMaxBytes(long newMaxBytes) {
    return new FetchConfig(userAgent, connectTimeout, deadline, newMaxBytes, maxRedirects,
        perHostConcurrency, allowPrivateNetworks);
  }

  public FetchConfig withPerHostConcurrency(int newPerHostConcurrency) {
    return new FetchConfig(userAgent, connectTimeout, deadline, maxBytes, maxRedirects,
        newPerHostConcurrency, allowPrivateNetworks);
  }

  public FetchConfig withAllowPrivateNetworks(boolean allow) {
    return new FetchConfig(userAgent, connectTimeout, deadline, maxBytes, maxRedirects,
        perHostConcurrency, allow);
  }

  private static Duration positive(Env env, String name, Duration defaultValue) {
    Duration d = env.duration(name, defaultValue);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException(name + "='" + env.string(name, "") + "' is invalid: expected a positive duration");
    }
    return d;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
