package dev.ainews.common.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller)
 * running inside this JVM, for integration tests and the CLI's embedded mode.
 *
 * <p>It is started the way {@code kafka.Kafka} starts a server: the storage is
 * formatted with {@link StorageTool} when {@code meta.properties} is absent, then a
 * {@link KafkaRaftServer} is built from a {@link KafkaConfig} and started. Both
 * listeners bind to 127.0.0.1 only. The data directory is either a given path,
 * reused across restarts so topics and records survive, or a temporary directory
 * deleted on {@link #close()}.
 *
 * <p>The broker's threads are not daemons: a JVM that starts one must close it.
 * {@link #close()} does so idempotently, and a shutdown hook closes it when the JVM
 * exits without an explicit close.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final String LOCK_FILE = ".lock";
  private static final String META_PROPERTIES = "meta.properties";

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final boolean temporary;
  private final int port;
  private final int controllerPort;
  private final Duration startupTime;
  private final Thread shutdownHook;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, Path dataDir, boolean temporary, int port, int controllerPort,
      Duration startupTime) {
    this.server = server;
    this.dataDir = dataDir;
    this.temporary = temporary;
    this.port = port;
    this.controllerPort = controllerPort;
    this.startupTime = startupTime;
    this.shutdownHook = new Thread(this::closeFromHook, "embedded-kafka-shutdown-hook");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A broker on free ports with a temporary data directory that {@link #close()} deletes. */
  public static EmbeddedKafka startTemporary() {
    return builder().start();
  }

  /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  public boolean isTemporary() {
    return temporary;
  }

  /** From the start of formatting until the broker answered a describeCluster request. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Shuts the broker down and waits for its threads; deletes a temporary data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException jvmAlreadyShuttingDown) {
      // The hook is running or about to run: nothing to unregister.
    }
    stop(server, dataDir, temporary);
    log.info("Kafka broker at {} stopped (data {})", bootstrapServers(), temporary ? "deleted" : dataDir);
  }

  /**
   * Hands shutdown to the caller: the JVM hook no longer closes the broker, so an
   * application can stop its clients first and the broker last, in order,
   * instead of racing its own hooks.
   */
  public void detachShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // too late: the hook is running
    }
  }

  private void closeFromHook() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    stop(server, dataDir, temporary);
  }

  private static void stop(KafkaRaftServer server, Path dataDir, boolean temporary) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (temporary) {
        deleteQuietly(dataDir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      log.warn("Could not delete temporary Kafka data dir {}: {}", dir, e.toString());
    }
  }

  /** Configures and starts an {@link EmbeddedKafka}. */
  public static final class Builder {

    private Path dataDir;
    private int port;
    private int controllerPort;
    private int numPartitions = 3;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final Map<String, String> overrides = new LinkedHashMap<>();

    private Builder() {}

    /** A persistent data directory, created if absent and reused on the next start. Default: a temporary one. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** The client (PLAINTEXT) port on 127.0.0.1; 0, the default, picks a free one. */
    public Builder port(int port) {
      this.port = checkPort(port);
      return this;
    }

    /** The KRaft controller port on 127.0.0.1; 0, the default, picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = checkPort(controllerPort);
      return this;
    }

    /** {@code num.partitions} for topics created without an explicit count. Default 3. */
    public Builder numPartitions(int numPartitions) {
      if (numPartitions < 1) {
        throw new IllegalArgumentException("numPartitions must be >= 1, was " + numPartitions);
      }
      this.numPartitions = numPartitions;
      return this;
    }

    /** How long {@link #start()} waits for the broker to answer. Default 60s. */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
      return this;
    }

    /** Any other broker config, applied last (it can override the single-node defaults). */
    public Builder config(String key, String value) {
      overrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Formats the data directory if needed, starts the broker and waits until it
     * answers a describeCluster request.
     *
     * @throws EmbeddedKafkaException when a port is taken, the data directory is in
     *     use by another broker, or the broker does not come up within the timeout
     */
    public EmbeddedKafka start() {
      long t0 = System.nanoTime();
      boolean temporary = dataDir == null;
      Path dir = temporary ? createTempDir() : createDir(dataDir.toAbsolutePath().normalize());
      KafkaRaftServer server = null;
      try {
        int brokerPort = port == 0 ? freePort() : requireFree(port, "client");
        int ctrlPort = controllerPort == 0 ? freePort() : requireFree(controllerPort, "controller");
        requireUnlocked(dir);

        Properties props = brokerProperties(dir, brokerPort, ctrlPort);
        if (!Files.exists(dir.resolve(META_PROPERTIES))) {
          format(dir, props);
        }
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        awaitReady(brokerPort, startupTimeout, t0);

        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        EmbeddedKafka kafka = new EmbeddedKafka(server, dir, temporary, brokerPort, ctrlPort, took);
        Runtime.getRuntime().addShutdownHook(kafka.shutdownHook);
        log.info("Kafka broker started at {} in {} ms (data {})", kafka.bootstrapServers(), took.toMillis(),
            temporary ? "temporary " + dir : dir);
        return kafka;
      } catch (RuntimeException e) {
        if (server != null) {
          stopAfterFailedStart(server);
        }
        if (temporary) {
          deleteQuietly(dir);
        }
        throw explain(e, dir);
      }
    }

    Properties brokerProperties(Path dir, int brokerPort, int ctrlPort) {
      Properties p = new Properties();
      p.put("process.roles", "broker,controller");
      p.put("node.id", String.valueOf(NODE_ID));
      // A static voter set keeps the controller port out of the formatted storage, so a
      // persistent directory can be restarted on different (free) ports.
      p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + ctrlPort);
      p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + ctrlPort);
      p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
      p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      p.put("controller.listener.names", "CONTROLLER");
      p.put("inter.broker.listener.name", "PLAINTEXT");
      p.put("log.dirs", dir.toString());

      // One node: every internal topic must be satisfiable by one replica, or
      // transactions, consumer groups and share groups wait forever for replicas.
      p.put("offsets.topic.replication.factor", "1");
      p.put("offsets.topic.num.partitions", "10");
      p.put("transaction.state.log.replication.factor", "1");
      p.put("transaction.state.log.min.isr", "1");
      p.put("transaction.state.log.num.partitions", "10");
      p.put("share.coordinator.state.topic.replication.factor", "1");
      p.put("share.coordinator.state.topic.min.isr", "1");
      p.put("share.coordinator.state.topic.num.partitions", "3");
      p.put("default.replication.factor", "1");
      p.put("min.insync.replicas", "1");
      p.put("num.partitions", String.valueOf(numPartitions));
      // Topics are created explicitly (TopicAdmin) so a typo cannot create a stray topic.
      p.put("auto.create.topics.enable", "false");
      // Nobody else will join: the first consumer group member need not wait 3s for company.
      p.put("group.initial.rebalance.delay.ms", "0");
      // The cleaner's default 128 MiB dedupe buffer is a large share of a small embedded heap.
      p.put("log.cleaner.dedupe.buffer.size", "2097152");
      // Compacted topics (feeds, trends) are small here; fewer threads, less idle memory.
      p.put("num.network.threads", "2");
      p.put("num.io.threads", "4");
      p.put("num.recovery.threads.per.data.dir", "1");
      overrides.forEach(p::put);
      return p;
    }

    private static void format(Path dir, Properties props) {
      Path configFile = null;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      try {
        configFile = Files.createTempFile("ainews-kafka-format-", ".properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
          props.store(out, "ainews embedded broker, for kafka-storage format");
        }
        String clusterId = Uuid.randomUuid().toString();
        int rc;
        try (PrintStream ps = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
          rc = StorageTool.execute(
              new String[] {"format", "--config", configFile.toString(), "--cluster-id", clusterId}, ps);
        }
        if (rc != 0) {
          throw new EmbeddedKafkaException("formatting Kafka storage in " + dir + " failed (exit " + rc + "): "
              + captured.toString(StandardCharsets.UTF_8).strip());
        }
        log.info("Formatted Kafka storage in {} (cluster id {})", dir, clusterId);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the format config for " + dir, e);
      } finally {
        if (configFile != null) {
          try {
            Files.deleteIfExists(configFile);
          } catch (IOException ignored) {
            // A leftover file in the temp dir is harmless.
          }
        }
      }
    }

    private static void awaitReady(int brokerPort, Duration timeout, long t0) {
      long deadline = t0 + timeout.toNanos();
      Map<String, Object> config = Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, HOST + ":" + brokerPort,
          AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness",
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
      Exception last = null;
      try (Admin admin = Admin.create(config)) {
        while (System.nanoTime() < deadline) {
          try {
            // A broker is listed only once the controller has unfenced it: then it takes writes.
            boolean listed = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
                .nodes().get(5, TimeUnit.SECONDS).stream().anyMatch(n -> n.id() == NODE_ID);
            if (listed) {
              return;
            }
          } catch (Exception e) {
            if (e instanceof InterruptedException) {
              Thread.currentThread().interrupt();
              throw new EmbeddedKafkaException("interrupted while waiting for the Kafka broker", e);
            }
            last = e;
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
      }
      throw new EmbeddedKafkaException("Kafka broker on " + HOST + ":" + brokerPort + " did not become ready within "
          + timeout.toSeconds() + "s" + (last == null ? "" : ": " + last), last);
    }

    private static void stopAfterFailedStart(KafkaRaftServer server) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } catch (RuntimeException e) {
        log.warn("Kafka broker did not shut down cleanly after a failed start: {}", e.toString());
      }
    }

    /** Turns Kafka's own failures into messages that say what to do. */
    private static RuntimeException explain(RuntimeException e, Path dir) {
      if (e instanceof EmbeddedKafkaException) {
        return e;
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        String m = String.valueOf(t.getMessage());
        if (t instanceof BindException || m.contains("Address already in use")) {
          return new EmbeddedKafkaException("cannot start Kafka: " + m, e);
        }
        if (m.contains("Failed to acquire lock")) {
          return new EmbeddedKafkaException(inUseMessage(dir), e);
        }
      }
      return new EmbeddedKafkaException("cannot start Kafka with data dir " + dir + ": " + e, e);
    }

    private static String inUseMessage(Path dir) {
      return "Kafka data dir " + dir + " is in use by another broker (lock " + dir.resolve(LOCK_FILE)
          + " is held): stop it or choose another data dir";
    }

    /**
     * Kafka locks {@code .lock} in each log dir; a second broker would only find out
     * deep inside its startup. Checking first gives a plain message and leaves the
     * running broker untouched. Same JVM or another process: both are detected.
     */
    private static void requireUnlocked(Path dir) {
      try (FileChannel ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        FileLock lock = ch.tryLock();
        if (lock == null) {
          throw new EmbeddedKafkaException(inUseMessage(dir));
        }
        lock.release();
      } catch (OverlappingFileLockException e) {
        throw new EmbeddedKafkaException(inUseMessage(dir), e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot check the lock of Kafka data dir " + dir, e);
      }
    }

    private static int requireFree(int port, String listener) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
        return port;
      } catch (BindException e) {
        throw new EmbeddedKafkaException("cannot start Kafka: " + listener + " port " + port + " on " + HOST
            + " is already in use (another Kafka?): stop it or choose another port", e);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot check " + listener + " port " + port, e);
      }
    }

    private static int freePort() {
      try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("no free port on " + HOST, e);
      }
    }

    private static Path createTempDir() {
      try {
        return Files.createTempDirectory("ainews-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary Kafka data dir", e);
      }
    }

    private static Path createDir(Path dir) {
      try {
        return Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create Kafka data dir " + dir, e);
      }
    }

    private static int checkPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 (free) or 1..65535, was " + port);
      }
      return port;
    }
  }
}
