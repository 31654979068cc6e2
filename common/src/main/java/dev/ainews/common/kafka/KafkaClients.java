package dev.ainews.common.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The client configs every ainews service starts from, and a readiness check
 * that fails with a message a user can act on. Each factory returns a new
 * mutable map: callers add their own keys (e.g. {@code transactional.id}).
 * Serdes are not set here; they come from the {@link dev.ainews.common.Topic}.
 */
public final class KafkaClients {

  private static final Duration PROBE_PAUSE = Duration.ofMillis(200);

  /**
   * Streams' {@code max.task.idle.ms} of the live enrich and aggregate apps (AINEWS_TASK_IDLE): how long the story
   * task and the counting tasks, which read one topic per upstream partition and take the earliest record among
   * them, wait for a partition with nothing buffered before going on without it. Ten of the live apps' 100 ms
   * commit intervals: enough for a slower upstream task's next transaction, so a backlog (a restart after hours
   * down, the benchmark's 30 days) is counted in publish-time order (`bench pipeline`: 9,898 hits after the grace
   * instead of 846,852 with 0), and free at news rates, where a partition's wait has long run out when the next
   * item comes. At 1,000 items/s it kept the end-to-end p99 at 0.84 s.
   */
  public static final Duration STREAMS_TASK_IDLE = Duration.ofSeconds(1);

  private KafkaClients() {}

  /**
   * Idempotent, acks=all producer; lz4 batches of up to 128 KiB filled for up to
   * 20 ms, because ingest writes bursts of items per feed poll and throughput
   * matters more than the last millisecond of latency.
   */
  public static Map<String, Object> producerConfig(String bootstrap, String clientId) {
    Map<String, Object> c = common(bootstrap, clientId);
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
    c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120000);
    // One request in flight: with several, a partition's first batch can fail while the partition is still being
    // created (NOT_LEADER) and a later batch land first; a broker without state for the producer accepts that, and
    // then rejects every retry of the first batch as out of sequence until it expires: records lost, seen here on
    // freshly created topics (KAFKA-15591). Batching (128 KiB, 20 ms linger) keeps the throughput.
    c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return c;
  }

  /** {@link #producerConfig} plus a {@code transactional.id}: for exactly-once writes. */
  public static Map<String, Object> transactionalProducerConfig(String bootstrap, String clientId,
      String transactionalId) {
    Map<String, Object> c = producerConfig(bootstrap, clientId);
    c.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return c;
  }

  /**
   * Reads only committed records (aborted transactions stay invisible), commits
   * offsets explicitly after processing, and starts a new group at the beginning
   * of the topic: a new consumer of the raw history sees all of it.
   */
  public static Map<String, Object> consumerConfig(String bootstrap, String groupId, String clientId) {
    Map<String, Object> c = common(bootstrap, clientId);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return c;
  }

  public static Map<String, Object> adminConfig(String bootstrap, String clientId) {
    return common(bootstrap, clientId);
  }

  private static Map<String, Object> common(String bootstrap, String clientId) {
    Map<String, Object> c = new HashMap<>();
    c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return c;
  }

  /**
   * Waits until a broker at {@code bootstrap} answers a describeCluster request.
   * Before it creates any Kafka client it probes the addresses over TCP, so that a
   * missing broker is reported as such ("connection refused") rather than as a
   * client timeout, and the client does not log a warning per retry.
   *
   * @throws BrokerUnavailableException when no broker answered within {@code timeout}
   */
  public static void waitForBroker(String bootstrap, Duration timeout) {
    List<InetSocketAddress> addresses = parse(bootstrap);
    long deadline = System.nanoTime() + timeout.toNanos();
    String problem = "no answer";
    Exception cause = null;
    do {
      String refused = null;
      for (InetSocketAddress address : addresses) {
        String tcp = probe(address, remainingMillis(deadline));
        if (tcp == null) {
          refused = null;
          break;
        }
        refused = tcp;
      }
      if (refused == null) {
        try {
          describeCluster(bootstrap, remainingMillis(deadline));
          return;
        } catch (ExecutionException | TimeoutException e) {
          problem = "it accepts connections but did not answer a Kafka metadata request: " + rootMessage(e);
          cause = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new BrokerUnavailableException("interrupted while waiting for Kafka at " + bootstrap, e);
        }
      } else {
        problem = refused;
      }
      LockSupport.parkNanos(Math.min(PROBE_PAUSE.toNanos(), Math.max(0, deadline - System.nanoTime())));
    } while (System.nanoTime() < deadline);
    throw new BrokerUnavailableException("no Kafka broker at " + bootstrap + " (" + problem + ") after "
        + human(timeout) + ": start one or use `ainews run` for the embedded broker", cause);
  }

  private static void describeCluster(String bootstrap, int timeoutMs)
      throws ExecutionException, InterruptedException, TimeoutException {
    int t = Math.max(timeoutMs, 1000);
    Map<String, Object> c = adminConfig(bootstrap, "ainews-wait-for-broker");
    c.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, t);
    c.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, t);
    Admin admin = Admin.create(c);
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(t)).nodes().get(t, TimeUnit.MILLISECONDS);
    } finally {
      // Admin.close() waits without bound for in-flight calls; against a peer that
      // never answers that is forever.
      admin.close(Duration.ofMillis(500));
    }
  }

  /** Null when a TCP connection succeeded, else why not, in a few words. */
  private static String probe(InetSocketAddress address, int timeoutMs) {
    if (address.isUnresolved()) {
      InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
      if (resolved.isUnresolved()) {
        return "unknown host " + address.getHostString();
      }
      address = resolved;
    }
    try (Socket s = new Socket()) {
      s.connect(address, Math.max(timeoutMs, 100));
      return null;
    } catch (ConnectException e) {
      return "connection refused";
    } catch (SocketTimeoutException e) {
      return "connection timed out";
    } catch (NoRouteToHostException e) {
      return "no route to host";
    } catch (UnknownHostException e) {
      return "unknown host " + address.getHostString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  static List<InetSocketAddress> parse(String bootstrap) {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("bootstrap servers are empty: expected host:port[,host:port...]");
    }
    List<InetSocketAddress> out = new ArrayList<>();
    for (String part : bootstrap.split(",")) {
      String hp = part.trim();
      int colon = hp.lastIndexOf(':');
      if (colon <= 0 || colon == hp.length() - 1) {
        throw new IllegalArgumentException("bootstrap server '" + hp + "' is not host:port");
      }
      String host = hp.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(hp.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bootstrap server '" + hp + "' has no numeric port");
      }
      out.add(InetSocketAddress.createUnresolved(host, port));
    }
    return out;
  }

  private static int remainingMillis(long deadline) {
    return (int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
  }

  private static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
  }

  /** 5s, 1500ms, 2m: how a person writes a timeout. */
  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0 && ms >= 60_000) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
