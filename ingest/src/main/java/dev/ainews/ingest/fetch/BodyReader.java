package dev.ainews.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads a response body, undoing its Content-Encoding, and stops as soon as the decoded bytes
 * pass the cap: a gzip bomb costs us at most the cap in memory and the time to inflate it.
 */
final class BodyReader {

  /**
   * Slack allowed on the wire beyond the decoded cap when the body is compressed: deflate can
   * expand incompressible input by a few bytes per 16 KiB block, plus gzip headers.
   */
  static final long ENCODED_SLACK = 64 * 1024;

  /** The body exceeds the cap; thrown before the excess is buffered. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(String message) {
      super(message);
    }
  }

  /** The body cannot be decoded: an encoding we did not ask for, or corrupt compressed data. */
  static final class UndecodableException extends IOException {
    private static final long serialVersionUID = 1L;

    UndecodableException(String message) {
      super(message);
    }
  }

  private BodyReader() {}

  /** The codings of a Content-Encoding header in the order they were applied, identity dropped. */
  static List<String> codings(String contentEncoding) throws UndecodableException {
    List<String> codings = new ArrayList<>();
    if (contentEncoding == null) {
      return codings;
    }
    for (String c : contentEncoding.split(",")) {
      String coding = c.trim().toLowerCase(Locale.ROOT);
      switch (coding) {
        case "", "identity" -> { }
        case "gzip", "x-gzip" -> codings.add("gzip");
        case "deflate" -> codings.add("deflate");
        default -> throw new UndecodableException(
            "unsupported Content-Encoding '" + coding + "' (we asked for gzip, deflate)");
      }
    }
    return codings;
  }

  /** The most bytes we accept on the wire for a given decoded cap. */
  static long wireLimit(long maxBytes, List<String> codings) {
    return codings.isEmpty() ? maxBytes : maxBytes + ENCODED_SLACK;
  }

  /**
   * Reads all of {@code wire}, decoded, into memory.
   *
   * @param sizeHint Content-Length when known (to presize the buffer), else -1
   * @throws TooLargeException when the decoded (or raw) bytes pass the cap
   * @throws UndecodableException on an unsupported coding
   * @throws java.util.zip.ZipException on corrupt compressed data
   */
  static byte[] read(InputStream wire, String contentEncoding, long maxBytes, long sizeHint)
      throws IOException {
    List<String> codings = codings(contentEncoding);
    InputStream in = new CappedInputStream(wire, wireLimit(maxBytes, codings));
    List<Inflater> inflaters = new ArrayList<>();
    try {
      // Codings are listed in the order applied; undo them from the last.
      for (int i = codings.size() - 1; i >= 0; i--) {
        in = decoder(in, codings.get(i), inflaters);
      }
      int initial = (int) Math.min(Math.min(maxBytes, 1 << 20),
          codings.isEmpty() && sizeHint > 0 ? sizeHint : 64 * 1024);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(initial, 1024));
      byte[] buf = new byte[16 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buf)) != -1) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException("body exceeds " + maxBytes + " bytes"
              + (codings.isEmpty() ? "" : " once decompressed"));
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      // Inflaters we create ourselves hold native memory until end(); streams do not free them.
      for (Inflater inflater : inflaters) {
        inflater.end();
      }
    }
  }

  private static InputStream decoder(InputStream in, String coding, List<Inflater> inflaters)
      throws IOException {
    PushbackInputStream peek = new PushbackInputStream(in, 2);
    int b0 = peek.read();
    if (b0 == -1) {
      // An empty body labelled gzip happens (HEAD-like error pages); GZIPInputStream would throw.
      return peek;
    }
    int b1 = peek.read();
    if (b1 != -1) {
      peek.unread(b1);
    }
    peek.unread(b0);
    if (coding.equals("gzip")) {
      return new GZIPInputStream(peek, 8 * 1024);
    }
    // "deflate" is meant to be zlib-wrapped (RFC 9110), but servers send raw deflate too: tell
    // them apart by the zlib header (method 8, window <= 32K, header checksum divisible by 31).
    boolean zlib = b1 != -1 && (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0;
    Inflater inflater = new Inflater(!zlib);
    inflaters.add(inflater);
    return new InflaterInputStream(peek, inflater, 8 * 1024);
  }

  /** Counts raw bytes and fails once more than {@code limit} arrive. */
  private static final class CappedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    CappedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b != -1) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLargeException {
      count += n;
      if (count > limit) {
        throw new TooLargeException("body exceeds " + limit + " bytes on the wire");
      }
    }
  }
}
