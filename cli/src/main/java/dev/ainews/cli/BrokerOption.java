package dev.ainews.cli;

import dev.ainews.common.Env;
import picocli.CommandLine.Option;

/** {@code --bootstrap-server}, for the commands that talk to a running broker; defaults to the environment. */
final class BrokerOption {

  @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092)")
  String bootstrap;

  String bootstrap() {
    return bootstrap != null ? bootstrap : Env.system().string("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
  }
}
