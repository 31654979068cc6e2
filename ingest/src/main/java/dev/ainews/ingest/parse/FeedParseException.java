package dev.ainews.ingest.parse;

/**
 * The one declared failure of {@link FeedParser}: the body is not a feed we can read. The message is a
 * single line meant for a log or the {@code ainews parse} output, e.g. {@code "not a feed: got an HTML page"}.
 */
public final class FeedParseException extends Exception {

  private static final long serialVersionUID = 1L;

  public FeedParseException(String message) {
    super(oneLine(message));
  }

  public FeedParseException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  static String oneLine(String message) {
    String m = message == null ? "unknown parse error" : message.replaceAll("\\s+", " ").trim();
    return m.length() <= 500 ? m : m.substring(0, 497) + "...";
  }
}
