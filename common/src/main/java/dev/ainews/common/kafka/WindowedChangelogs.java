package dev.ainews.common.kafka;

import java.util.Map;

/**
 * Topic settings for the changelogs of windowed state stores.
 *
 * <p>Streams gives a window store's changelog a time retention of the store's
 * retention plus a day, and the broker applies it against its wall clock to the
 * records' timestamps, which are event times. News from history (a replay of
 * 2024, a backfill, the fixtures of a test) is older than that retention as soon
 * as it is written: the broker deletes its changelog segments while the store,
 * which keeps windows by stream time, still holds and updates them. Nothing shows
 * until the store is rebuilt from the changelog (after a crash under exactly-once,
 * on a new machine): then counts silently restart from what survived.
 *
 * <p>With the broker's append time as the records' timestamp, the retention runs
 * from when a record was written: a changelog keeps at least what its store keeps,
 * whatever the age of the events. The cost: after a restore, a window's stored
 * timestamp is the time its changelog record was written rather than its latest
 * event time; it only sets the timestamp of the window's next update record.
 */
public final class WindowedChangelogs {

  public static final Map<String, String> CONFIG = Map.of("message.timestamp.type", "LogAppendTime");

  private WindowedChangelogs() {}
}
