package dev.ainews.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

  private static InetAddress ip(String literal) {
    // Literals only: InetAddress does not touch DNS for them.
    return AddressGuard.resolveWithJvm(literal)[0];
  }

  private static Function<String, InetAddress[]> resolver(Map<String, String[]> table) {
    return host -> {
      String[] addresses = table.get(host);
      if (addresses == null) {
        throw new UncheckedIOException(new UnknownHostException(host));
      }
      InetAddress[] out = new InetAddress[addresses.length];
      for (int i = 0; i < addresses.length; i++) {
        out[i] = ip(addresses[i]);
      }
      return out;
    };
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1        | loopback",
      "127.8.9.10       | loopback",
      "0.0.0.0          | this-network 0.0.0.0/8",
      "0.1.2.3          | this-network 0.0.0.0/8",
      "10.1.2.3         | private network",
      "172.16.0.1       | private network",
      "172.31.255.255   | private network",
      "192.168.1.1      | private network",
      "169.254.10.1     | link-local",
      "169.254.169.254  | cloud metadata endpoint",
      "100.64.0.1       | carrier-grade NAT 100.64.0.0/10",
      "100.127.255.254  | carrier-grade NAT 100.64.0.0/10",
      "224.0.0.1        | multicast",
      "255.255.255.255  | reserved or broadcast",
      "::1              | loopback",
      "::               | any-local",
      "fe80::1          | link-local",
      "fc00::1          | unique local fc00::/7",
      "fd12:3456::1     | unique local fc00::/7",
      "fd00:ec2::254    | cloud metadata endpoint",
      "fec0::1          | site-local fec0::/10",
      "ff02::1          | multicast",
      "::127.0.0.1      | loopback (IPv4 in IPv6)",
      "64:ff9b::a00:1   | private network (via NAT64)",
      "2002:a9fe:a9fe:: | cloud metadata endpoint (via 6to4)",
  })
  void shouldNameWhyAnInternalAddressIsForbidden(String address, String reason) {
    assertEquals(Optional.of(reason), AddressGuard.forbiddenReason(ip(address)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "169.253.0.1",
      "11.0.0.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "64:ff9b::808:808"})
  void shouldAllowPublicAddresses(String address) {
    assertEquals(Optional.empty(), AddressGuard.forbiddenReason(ip(address)));
  }

  @Test
  void shouldForbidIpv4MappedIpv6FormKeptAsInet6Address() throws Exception {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
        (byte) 169, (byte) 254, (byte) 169, (byte) 254};
    InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

    assertTrue(address instanceof Inet6Address);
    assertEquals(Optional.of("cloud metadata endpoint (IPv4 in IPv6)"),
        AddressGuard.forbiddenReason(address));
  }

  @Test
  void shouldBlockHostWhenAnyOfItsAddressesIsInternal() {
    AddressGuard guard = new AddressGuard(false,
        resolver(Map.of("mixed.example", new String[] {"93.184.216.34", "10.0.0.7"})));

    AddressGuard.Decision d = guard.check(URI.create("https://mixed.example/feed"));

    assertEquals(AddressGuard.Verdict.BLOCKED, d.verdict());
    assertEquals("blocked https://mixed.example/feed: host 'mixed.example' resolves to 10.0.0.7"
        + " (private network); set AINEWS_ALLOW_PRIVATE_NETWORKS=true to allow", d.message());
  }

  @Test
  void shouldAllowHostWithOnlyPublicAddresses() {
    AddressGuard guard = new AddressGuard(false,
        resolver(Map.of("public.example", new String[] {"93.184.216.34", "2606:2800:220:1::"})));

    assertTrue(guard.check(URI.create("https://public.example/feed")).allowed());
  }

  @Test
  void shouldAllowInternalAddressWhenPrivateNetworksAllowed() {
    AddressGuard guard = new AddressGuard(true,
        resolver(Map.of("intranet", new String[] {"10.0.0.7"})));

    assertTrue(guard.check(URI.create("http://intranet/feed")).allowed());
  }

  @Test
  void shouldReportUnknownHostEvenWhenPrivateNetworksAllowed() {
    AddressGuard guard = new AddressGuard(true, resolver(Map.of()));

    AddressGuard.Decision d = guard.check(URI.create("http://nowhere.example/feed"));

    assertEquals(AddressGuard.Verdict.UNKNOWN_HOST, d.verdict());
    assertEquals("unknown host 'nowhere.example' in http://nowhere.example/feed", d.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/feed", "file:///etc/passwd", "gopher://x/", "jar:file:/a!/b"})
  void shouldBlockNonHttpSchemesEvenWhenPrivateNetworksAllowed(String url) {
    AddressGuard guard = new AddressGuard(true, resolver(Map.of()));

    AddressGuard.Decision d = guard.check(URI.create(url));

    assertEquals(AddressGuard.Verdict.BLOCKED, d.verdict());
    assertTrue(d.message().contains("is not http or https"), d.message());
  }

  @Test
  void shouldResolveBracketedIpv6LiteralHost() {
    AddressGuard guard = AddressGuard.system(false);

    AddressGuard.Decision d = guard.check(URI.create("http://[::1]:8080/feed"));

    assertEquals(AddressGuard.Verdict.BLOCKED, d.verdict());
    assertEquals("blocked http://[::1]:8080/feed: host '::1' resolves to 0:0:0:0:0:0:0:1"
        + " (loopback); set AINEWS_ALLOW_PRIVATE_NETWORKS=true to allow", d.message());
  }
}
