package dev.ainews.ingest.normalize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Item ids: SHA-256 hex of the GUID when it can be trusted, else of the canonical URL, else of title + text.
 *
 * <p>Trust rule: a GUID is trusted when it is non-blank, unique within its document (or shared only by copies of
 * the same article), and either has a globally unique form (http(s) URL, {@code urn:}, {@code tag:}) or is at least
 * {@value #MIN_OPAQUE_GUID_CHARS} characters long. Short opaque GUIDs ("1", "42") are often list positions that a
 * feed reuses for a different story tomorrow. Opaque GUIDs are hashed with the feed id in front, so two feeds'
 * "post-000123" never collide; URL GUIDs are hashed in their canonical form without the feed id, so the same
 * article reached through two feeds of one site gets one id.
 */
public final class ItemIds {

  static final int MIN_OPAQUE_GUID_CHARS = 6;

  private ItemIds() {}

  /** Whether a GUID's form alone makes it usable (uniqueness within the document is checked separately). */
  public static boolean plausibleGuid(String guid) {
    if (guid == null || guid.isBlank()) {
      return false;
    }
    return globallyUniqueForm(guid) || guid.strip().length() >= MIN_OPAQUE_GUID_CHARS;
  }

  static boolean globallyUniqueForm(String guid) {
    String g = guid.strip().toLowerCase(Locale.ROOT);
    return CanonicalUrl.of(g) != null || g.startsWith("urn:") && g.length() > 8 || g.startsWith("tag:") && g.length() > 8;
  }

  /** Id from a trusted GUID. */
  public static String fromGuid(String feedId, String guid) {
    String g = guid.strip();
    String canonical = CanonicalUrl.of(g);
    if (canonical != null) {
      return sha256Hex(canonical);
    }
    if (globallyUniqueForm(g)) {
      return sha256Hex(g);
    }
    return sha256Hex(feedId + "\u0000" + g);
  }

  /** Id from a canonical URL (no GUID to trust). */
  public static String fromUrl(String canonicalUrl) {
    return sha256Hex(canonicalUrl);
  }

  /** Last resort: the text itself. */
  public static String fromText(String title, String text) {
    return sha256Hex("text\u0000" + title + "\u0000" + (text == null ? "" : text));
  }

  public static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }
}
