package dev.ainews.aggregate;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * Emits a processor's window tallies the way the DSL's windowed aggregations do: when Streams flushes the store's
 * record cache, which it does at every commit (inside the transaction that also commits the input offsets and the
 * store's changelog) and when the cache evicts. So each key's updates within a commit interval leave as one record,
 * and under exactly-once an update is in the output topics exactly when it is in the store: a crash aborts both,
 * and nothing is left to emit on a restart.
 *
 * <p>Kafka Streams has no public hook for this: it is the internal flush listener its own aggregations register on
 * their cached stores, called here through the same internal interfaces (pinned with the Kafka version in the
 * parent POM; a change there fails the build, or {@code Count}'s start when a cache is configured and the
 * listener does not take, which the unit tests that run the topology with a cache would show).
 */
final class ForwardOnFlush {

  private ForwardOnFlush() {}

  /**
   * Forwards every entry the cache of {@code store} flushes, with the timestamp stored beside it, to the children
   * of the processor whose {@code init} this is called from. Returns false if the store has no cache (Streams builds
   * none when {@code statestore.cache.max.bytes} is 0): then the processor must forward each update itself.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <V> boolean register(StateStore store, ProcessorContext<Windowed<String>, V> context) {
    InternalProcessorContext<Windowed<String>, V> internal = (InternalProcessorContext<Windowed<String>, V>) context;
    ProcessorNode<?, ?, ?, ?> node = internal.currentNode();
    CacheFlushListener<Windowed<String>, ValueAndTimestamp<V>> listener = flushed -> {
      ValueAndTimestamp<V> now = flushed.value().newValue;
      if (now == null) {
        return;
      }
      // Flushes run at commit and on eviction, outside this processor's own process(): point the context at it so
      // the record goes to its children.
      ProcessorNode<?, ?, ?, ?> previous = internal.currentNode();
      internal.setCurrentNode(node);
      try {
        internal.forward(new Record<>(flushed.key(), now.value(), now.timestamp(), flushed.headers()));
      } finally {
        internal.setCurrentNode(previous);
      }
    };
    return store instanceof WrappedStateStore wrapped && wrapped.setFlushListener(listener, false);
  }
}
