package dev.ainews.ingest.normalize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The canonical form of an article URL, so that the same story reached through a newsletter, a social share or
 * two feeds has one URL and therefore one item id: lowercase scheme and host, no default port, no fragment, no
 * user info, no tracking parameters. Everything else (path case, parameter order, percent-encoding) is kept,
 * because servers may treat it as significant.
 */
public final class CanonicalUrl {

  /** Parameters that only say where a click came from, never which page it is. */
  private static final Set<String> TRACKING = Set.of(
      "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
      "mc_cid", "mc_eid", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "vero_id", "vero_conv", "oly_anon_id",
      "oly_enc_id", "rb_clickid", "s_cid", "igshid", "igsh", "spm", "scm", "ref", "ref_src", "ref_url", "referrer",
      "cmpid", "ncid", "sr_share", "smid", "wt.mc_id", "at_medium", "at_campaign", "__twitter_impression", "_ga",
      "_gl", "ocid", "cvid");

  private CanonicalUrl() {}

  /**
   * @return the canonical URL, or null when {@code url} is null, not absolute http(s), or unparsable
   */
  public static String of(String url) {
    if (url == null) {
      return null;
    }
    String s = url.strip();
    if (s.isEmpty()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(s.replace(" ", "%20").replace("|", "%7C"));
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      return null;
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();

    StringBuilder out = new StringBuilder(s.length());
    out.append(scheme).append("://").append(host);
    if (!defaultPort) {
      out.append(':').append(port);
    }
    out.append(path);
    String query = stripTracking(uri.getRawQuery());
    if (query != null) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  private static String stripTracking(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (name.startsWith("utm_") || name.startsWith("pk_") || name.startsWith("mtm_") || TRACKING.contains(name)) {
        continue;
      }
      kept.add(pair);
    }
    return kept.isEmpty() ? null : String.join("&", kept);
  }
}
