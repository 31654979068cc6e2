package dev.ainews.ingest.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CanonicalUrlTest {

  @Test
  void shouldLowercaseSchemeAndHostButKeepPathCase() {
    assertEquals("https://news.example.com/AI/Story", CanonicalUrl.of("HTTPS://News.Example.COM/AI/Story"));
  }

  @Test
  void shouldDropDefaultPortAndFragment() {
    assertEquals("http://a.example/x", CanonicalUrl.of("http://a.example:80/x#comments"));
    assertEquals("https://a.example/x", CanonicalUrl.of("https://a.example:443/x#top"));
    assertEquals("https://a.example:8443/x", CanonicalUrl.of("https://a.example:8443/x"));
  }

  @Test
  void shouldStripTrackingParametersAndKeepOthersInOrder() {
    assertEquals("https://a.example/p?id=7&page=2", CanonicalUrl.of(
        "https://a.example/p?utm_source=rss&id=7&UTM_Medium=feed&fbclid=abc&page=2&gclid=x&mc_cid=1&mc_eid=2"
            + "&ref=hn&ref_src=twsrc&igshid=9&spm=a.b"));
  }

  @Test
  void shouldDropQueryMadeOnlyOfTrackingParameters() {
    assertEquals("https://a.example/", CanonicalUrl.of("https://a.example?utm_campaign=x"));
  }

  @Test
  void shouldReturnNullForNonHttpOrUnparsableUrls() {
    assertNull(CanonicalUrl.of("mailto:someone@example.com"));
    assertNull(CanonicalUrl.of("javascript:alert(1)"));
    assertNull(CanonicalUrl.of("/relative/path"));
    assertNull(CanonicalUrl.of("http://bad host^/"));
    assertNull(CanonicalUrl.of(null));
  }
}
