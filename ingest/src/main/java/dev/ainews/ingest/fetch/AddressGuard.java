package dev.ainews.ingest.fetch;

import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Server-side request forgery guard: a feed URL (or any redirect hop) may only be http(s) and
 * may only lead to public internet addresses, so that a subscribed feed cannot make the ingest
 * service read its cloud metadata endpoint, an admin port on localhost or a host on the private
 * network.
 *
 * <p>The host is resolved and refused if <em>any</em> of its addresses is internal: a name with
 * one public and one private address could be connected either way.
 *
 * <p>DNS rebinding: {@code java.net.http.HttpClient} resolves the host again when it connects.
 * Connecting to the checked address instead would need a Host header override (a restricted
 * header, enabled only by a JVM-wide system property) and would break TLS hostname verification,
 * so we accept a residual risk: the JVM's own address cache ({@code networkaddress.cache.ttl},
 * 30 s by default) normally answers the client's lookup with the addresses checked here a moment
 * before, and a rebinding attacker has to win the race with a cache entry expiring in between.
 * Deployments that need more should also block internal ranges at the network egress.
 */
public final class AddressGuard {

  /** Resolution outcome of {@link #check(URI)}. */
  public enum Verdict {
    ALLOWED,
    /** Not http(s), or an internal address. */
    BLOCKED,
    /** The host name does not resolve. */
    UNKNOWN_HOST
  }

  /** A verdict and, unless allowed, why (naming the URL, host and address). */
  public record Decision(Verdict verdict, String message) {
    static final Decision ALLOW = new Decision(Verdict.ALLOWED, null);

    public boolean allowed() {
      return verdict == Verdict.ALLOWED;
    }
  }

  private final boolean allowPrivateNetworks;
  private final Function<String, InetAddress[]> resolver;

  /**
   * @param allowPrivateNetworks when true only the scheme and name resolution are checked
   * @param resolver host name to addresses; signals an unknown host by throwing (an
   *     {@link UncheckedIOException} around {@link UnknownHostException}, say) or returning none
   */
  public AddressGuard(boolean allowPrivateNetworks, Function<String, InetAddress[]> resolver) {
    this.allowPrivateNetworks = allowPrivateNetworks;
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /** A guard resolving through the JVM ({@link InetAddress#getAllByName}). */
  public static AddressGuard system(boolean allowPrivateNetworks) {
    return new AddressGuard(allowPrivateNetworks, AddressGuard::resolveWithJvm);
  }

  static InetAddress[] resolveWithJvm(String host) {
    try {
      return InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Decision check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return new Decision(Verdict.BLOCKED,
          "blocked " + uri + ": scheme '" + scheme + "' is not http or https");
    }
    String host = hostOf(uri);
    if (host == null || host.isEmpty()) {
      return new Decision(Verdict.BLOCKED, "blocked " + uri + ": no host");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.apply(host);
    } catch (RuntimeException e) {
      return new Decision(Verdict.UNKNOWN_HOST, "unknown host '" + host + "' in " + uri);
    }
    if (addresses == null || addresses.length == 0) {
      return new Decision(Verdict.UNKNOWN_HOST, "unknown host '" + host + "' in " + uri);
    }
    if (allowPrivateNetworks) {
      return Decision.ALLOW;
    }
    for (InetAddress address : addresses) {
      Optional<String> reason = forbiddenReason(address);
      if (reason.isPresent()) {
        return new Decision(Verdict.BLOCKED,
            "blocked " + uri + ": host '" + host + "' resolves to " + address.getHostAddress()
                + " (" + reason.get() + "); set AINEWS_ALLOW_PRIVATE_NETWORKS=true to allow");
      }
    }
    return Decision.ALLOW;
  }

  /** The host of a URL as the resolver wants it: lowercase, IPv6 literals without brackets. */
  static String hostOf(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      return null;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  /** Why an address must not be fetched, or empty if it is a public unicast address. */
  public static Optional<String> forbiddenReason(InetAddress address) {
    if (address instanceof Inet4Address) {
      return ipv4Reason(address.getAddress());
    }
    if (address instanceof Inet6Address) {
      return ipv6Reason(address.getAddress());
    }
    return Optional.of("unknown address family");
  }

  private static Optional<String> ipv4Reason(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    if (a0 == 169 && a1 == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
      return Optional.of("cloud metadata endpoint");
    }
    if (a0 == 0) {
      return Optional.of("this-network 0.0.0.0/8");
    }
    if (a0 == 127) {
      return Optional.of("loopback");
    }
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return Optional.of("private network");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of("link-local");
    }
    if (a0 == 100 && (a1 & 0xc0) == 64) {
      return Optional.of("carrier-grade NAT 100.64.0.0/10");
    }
    if (a0 >= 224 && a0 <= 239) {
      return Optional.of("multicast");
    }
    if (a0 >= 240) {
      // 240.0.0.0/4 is reserved and contains the 255.255.255.255 broadcast address.
      return Optional.of("reserved or broadcast");
    }
    return Optional.empty();
  }

  private static Optional<String> ipv6Reason(byte[] b) {
    if (isZero(b, 0, 15)) {
      return Optional.of(b[15] == 0 ? "any-local" : b[15] == 1 ? "loopback" : "reserved ::/96");
    }
    // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (deprecated IPv4-compatible) reach the IPv4
    // host they embed; InetAddress turns the mapped form into an Inet4Address, but not always.
    if (isZero(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || isZero(b, 10, 12))) {
      return ipv4Reason(new byte[] {b[12], b[13], b[14], b[15]}).map(r -> r + " (IPv4 in IPv6)");
    }
    // 64:ff9b::/96, NAT64: a translator forwards to the IPv4 address in the low 32 bits.
    if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12)) {
      return ipv4Reason(new byte[] {b[12], b[13], b[14], b[15]}).map(r -> r + " (via NAT64)");
    }
    // 2002::/16, 6to4: the relay forwards to the IPv4 address in bits 16..47.
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return ipv4Reason(new byte[] {b[2], b[3], b[4], b[5]}).map(r -> r + " (via 6to4)");
    }
    int b0 = b[0] & 0xff;
    int b1 = b[1] & 0xff;
    if (b0 == 0xfd && b1 == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
        && isZero(b, 4, 14) && (b[14] & 0xff) == 0x02 && (b[15] & 0xff) == 0x54) {
      return Optional.of("cloud metadata endpoint");
    }
    if ((b0 & 0xfe) == 0xfc) {
      return Optional.of("unique local fc00::/7");
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
      return Optional.of("link-local");
    }
    if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
      return Optional.of("site-local fec0::/10");
    }
    if (b0 == 0xff) {
      return Optional.of("multicast");
    }
    return Optional.empty();
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
