package dev.ainews.common;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hand-written JSON for the two records every enrichment thread reads and writes, {@link RawItem} and
 * {@link EnrichedItem}, on Jackson's streaming API. A profile of the enrichment stream showed databind's
 * read + write at ~16 µs of CPU per ~1.65 KB item. The codec skips the bean (de)serializer machinery, the ISO
 * formatter and one of databind's two output copies: in {@code ItemJsonBenchmark} (2 shared cores) reading a
 * 1.65 KB RawItem takes 2.2 µs instead of 3.6, writing a 3 KB EnrichedItem 3.4 µs instead of 5.6. What remains
 * is mostly Jackson's own UTF-8 decoding and encoding of the text.
 *
 * <p>Databind ({@link Json#MAPPER}) stays the reference, and the codec settles only the plain cases:
 * it writes the very bytes databind writes (the same generator, fields in record component order, nulls
 * omitted, instants as {@code DateTimeFormatter.ISO_INSTANT} prints them), and it reads only the canonical
 * shape: string-or-null fields, {@code yyyy-MM-ddTHH:mm:ss[.f]Z} instants, arrays of strings, evidence
 * objects, unknown fields of any shape. Anything else (a number where a string belongs, an offset or a
 * numeric instant, a duplicate key, a record its constructor rejects, broken JSON) makes {@link #read}
 * return null and {@link JsonSerde} hands the same bytes to databind, so value and error message are
 * exactly what they were. {@code ItemJsonTest} holds the two to the same output.
 */
final class ItemJson {

  /** A codec for one record type; both methods return null where databind must decide. */
  interface Codec<T> {
    byte[] write(T value);

    T read(byte[] bytes);
  }

  private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

  static final Codec<RawItem> RAW = new Codec<>() {
    @Override
    public byte[] write(RawItem value) {
      return ItemJson.write(value, null);
    }

    @Override
    public RawItem read(byte[] bytes) {
      return (RawItem) ItemJson.read(bytes, false);
    }
  };

  static final Codec<EnrichedItem> ENRICHED = new Codec<>() {
    @Override
    public byte[] write(EnrichedItem value) {
      return ItemJson.write(null, value);
    }

    @Override
    public EnrichedItem read(byte[] bytes) {
      return (EnrichedItem) ItemJson.read(bytes, true);
    }
  };

  /** The codec for {@code type}, or null for a type only databind handles. */
  @SuppressWarnings("unchecked")
  static <T> Codec<T> forType(Class<T> type) {
    if (type == RawItem.class) {
      return (Codec<T>) RAW;
    }
    if (type == EnrichedItem.class) {
      return (Codec<T>) ENRICHED;
    }
    return null;
  }

  private ItemJson() {}

  // ---- writing ----

  private static final SerializableString ID = name("id");
  private static final SerializableString FEED = name("feed");
  private static final SerializableString SOURCE = name("source");
  private static final SerializableString URL = name("url");
  private static final SerializableString TITLE = name("title");
  private static final SerializableString SUMMARY = name("summary");
  private static final SerializableString CONTENT = name("content");
  private static final SerializableString AUTHOR = name("author");
  private static final SerializableString LANGUAGE = name("language");
  private static final SerializableString PUBLISHED_AT = name("publishedAt");
  private static final SerializableString FETCHED_AT = name("fetchedAt");
  private static final SerializableString COMPANIES = name("companies");
  private static final SerializableString COUNTRIES = name("countries");
  private static final SerializableString THEMES = name("themes");
  private static final SerializableString EVIDENCE = name("evidence");
  private static final SerializableString STORY_ID = name("storyId");
  private static final SerializableString TAXONOMY_VERSION = name("taxonomyVersion");
  private static final SerializableString DIMENSION = name("dimension");
  private static final SerializableString TERM = name("term");
  private static final SerializableString FIELD = name("field");

  private static SerializableString name(String name) {
    return new SerializedString(name);
  }

  /** Writes exactly one of the two as databind would; null when writing failed (databind then reports it). */
  private static byte[] write(RawItem raw, EnrichedItem enriched) {
    Output out = new Output();
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      if (raw != null) {
        writeCommon(g, raw.id(), raw.feed(), raw.source(), raw.url(), raw.title(), raw.summary(), raw.content(),
            raw.author(), raw.language(), raw.publishedAt(), raw.fetchedAt());
      } else {
        EnrichedItem e = enriched;
        writeCommon(g, e.id(), e.feed(), e.source(), e.url(), e.title(), e.summary(), e.content(), e.author(),
            e.language(), e.publishedAt(), e.fetchedAt());
        // The constructor turns null lists into empty ones and a null storyId into the id, so these four
        // lists and storyId are always present, as databind writes them.
        writeStrings(g, COMPANIES, e.companies());
        writeStrings(g, COUNTRIES, e.countries());
        writeStrings(g, THEMES, e.themes());
        writeEvidence(g, e.evidence());
        writeString(g, STORY_ID, e.storyId());
        writeString(g, TAXONOMY_VERSION, e.taxonomyVersion());
      }
      g.writeEndObject();
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return out.toByteArray();
  }

  /**
   * Collects the generator's flushes. The generator buffers 8000 bytes before it flushes, so an item up to
   * that size arrives in one write and becomes the result with a single copy, where databind's
   * ByteArrayBuilder copies twice.
   */
  private static final class Output extends OutputStream {
    private byte[] bytes = new byte[0];
    private int count;

    @Override
    public void write(int b) {
      ensure(1);
      bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, count, len);
      count += len;
    }

    private void ensure(int more) {
      if (count + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(count + more, bytes.length * 2));
      }
    }

    byte[] toByteArray() {
      return count == bytes.length ? bytes : Arrays.copyOf(bytes, count);
    }
  }

  private static void writeCommon(JsonGenerator g, String id, String feed, String source, String url, String title,
      String summary, String content, String author, String language, Instant publishedAt, Instant fetchedAt)
      throws IOException {
    writeString(g, ID, id);
    writeString(g, FEED, feed);
    writeString(g, SOURCE, source);
    writeString(g, URL, url);
    writeString(g, TITLE, title);
    writeString(g, SUMMARY, summary);
    writeString(g, CONTENT, content);
    writeString(g, AUTHOR, author);
    writeString(g, LANGUAGE, language);
    writeInstant(g, PUBLISHED_AT, publishedAt);
    writeInstant(g, FETCHED_AT, fetchedAt);
  }

  private static void writeString(JsonGenerator g, SerializableString name, String value) throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeString(value);
    }
  }

  private static void writeStrings(JsonGenerator g, SerializableString name, List<String> values)
      throws IOException {
    g.writeFieldName(name);
    g.writeStartArray();
    for (int i = 0, n = values.size(); i < n; i++) {
      g.writeString(values.get(i));
    }
    g.writeEndArray();
  }

  private static void writeEvidence(JsonGenerator g, List<Evidence> evidence) throws IOException {
    g.writeFieldName(EVIDENCE);
    g.writeStartArray();
    for (int i = 0, n = evidence.size(); i < n; i++) {
      Evidence e = evidence.get(i);
      g.writeStartObject();
      writeString(g, DIMENSION, e.dimension());
      writeString(g, ID, e.id());
      writeString(g, TERM, e.term());
      writeString(g, FIELD, e.field());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeInstant(JsonGenerator g, SerializableString name, Instant value) throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      char[] buf = new char[30];
      int len = formatInstant(value, buf);
      if (len < 0) {
        g.writeString(value.toString());
      } else {
        g.writeString(buf, 0, len);
      }
    }
  }

  private static final long SECONDS_PER_DAY = 86_400;
  /** Epoch day of 0000-03-01, the start of the 400-year era the civil-date arithmetic counts from. */
  private static final long DAYS_0000_TO_1970 = 719_468;

  /**
   * Formats as {@code DateTimeFormatter.ISO_INSTANT} (hence {@code Instant.toString()}) does: the fraction
   * only when non-zero, in groups of three digits (.120, .000001, .000000001). Returns the length, or -1 for a
   * year outside 0000..9999, which ISO_INSTANT prints with a sign and the caller leaves to it.
   */
  static int formatInstant(Instant instant, char[] buf) {
    long seconds = instant.getEpochSecond();
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    // Civil date from a day count, with years starting in March so that the leap day comes last.
    long shifted = day + DAYS_0000_TO_1970;
    long era = Math.floorDiv(shifted, 146_097);
    int dayOfEra = (int) (shifted - era * 146_097);
    int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    int mp = (5 * dayOfYear + 2) / 153;
    int dom = dayOfYear - (153 * mp + 2) / 5 + 1;
    int month = mp < 10 ? mp + 3 : mp - 9;
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      return -1;
    }
    digits(buf, 0, (int) year, 4);
    buf[4] = '-';
    digits(buf, 5, month, 2);
    buf[7] = '-';
    digits(buf, 8, dom, 2);
    buf[10] = 'T';
    digits(buf, 11, secOfDay / 3600, 2);
    buf[13] = ':';
    digits(buf, 14, secOfDay / 60 % 60, 2);
    buf[16] = ':';
    digits(buf, 17, secOfDay % 60, 2);
    int pos = 19;
    int nano = instant.getNano();
    if (nano != 0) {
      buf[pos++] = '.';
      if (nano % 1_000_000 == 0) {
        digits(buf, pos, nano / 1_000_000, 3);
        pos += 3;
      } else if (nano % 1000 == 0) {
        digits(buf, pos, nano / 1000, 6);
        pos += 6;
      } else {
        digits(buf, pos, nano, 9);
        pos += 9;
      }
    }
    buf[pos++] = 'Z';
    return pos;
  }

  private static void digits(char[] buf, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      buf[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  // ---- reading ----

  /** Leaves the canonical shape; thrown without a stack trace, caught in {@link #read}. */
  private static final class Fallback extends Exception {
    Fallback() {
      super("outside the codec's fast path", null, false, false);
    }
  }

  private static final Fallback FALLBACK = new Fallback();

  private static Object read(byte[] bytes, boolean enriched) {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      return enriched ? readEnriched(p) : readRaw(p);
    } catch (Fallback | IOException | RuntimeException e) {
      // A RuntimeException is the record's constructor refusing a field: databind words that message.
      return null;
    }
  }

  /** The fields RawItem and EnrichedItem share, as the fast path reads them; each may appear once. */
  private static final class ItemFields {
    String id;
    String feed;
    String source;
    String url;
    String title;
    String summary;
    String content;
    String author;
    String language;
    Instant publishedAt;
    Instant fetchedAt;
    private int seen;

    /** Reads the value of {@code name} if it is one of these fields; false for any other name. */
    boolean read(String name, JsonParser p, JsonToken t) throws IOException, Fallback {
      switch (name) {
        case "id" -> { seen = once(seen, 1); id = string(p, t); }
        case "feed" -> { seen = once(seen, 1 << 1); feed = string(p, t); }
        case "source" -> { seen = once(seen, 1 << 2); source = string(p, t); }
        case "url" -> { seen = once(seen, 1 << 3); url = string(p, t); }
        case "title" -> { seen = once(seen, 1 << 4); title = string(p, t); }
        case "summary" -> { seen = once(seen, 1 << 5); summary = string(p, t); }
        case "content" -> { seen = once(seen, 1 << 6); content = string(p, t); }
        case "author" -> { seen = once(seen, 1 << 7); author = string(p, t); }
        case "language" -> { seen = once(seen, 1 << 8); language = string(p, t); }
        case "publishedAt" -> { seen = once(seen, 1 << 9); publishedAt = instant(p, t); }
        case "fetchedAt" -> { seen = once(seen, 1 << 10); fetchedAt = instant(p, t); }
        default -> {
          return false;
        }
      }
      return true;
    }
  }

  private static RawItem readRaw(JsonParser p) throws IOException, Fallback {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw FALLBACK;
    }
    ItemFields f = new ItemFields();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (!f.read(name, p, t)) {
        p.skipChildren();
      }
    }
    return new RawItem(f.id, f.feed, f.source, f.url, f.title, f.summary, f.content, f.author, f.language,
        f.publishedAt, f.fetchedAt);
  }

  private static EnrichedItem readEnriched(JsonParser p) throws IOException, Fallback {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw FALLBACK;
    }
    ItemFields f = new ItemFields();
    String storyId = null;
    String taxonomyVersion = null;
    List<String> companies = null;
    List<String> countries = null;
    List<String> themes = null;
    List<Evidence> evidence = null;
    int seen = 0;
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      if (f.read(name, p, t)) {
        continue;
      }
      switch (name) {
        case "companies" -> { seen = once(seen, 1); companies = strings(p, t); }
        case "countries" -> { seen = once(seen, 1 << 1); countries = strings(p, t); }
        case "themes" -> { seen = once(seen, 1 << 2); themes = strings(p, t); }
        case "evidence" -> { seen = once(seen, 1 << 3); evidence = evidence(p, t, true); }
        case "storyId" -> { seen = once(seen, 1 << 4); storyId = string(p, t); }
        case "taxonomyVersion" -> { seen = once(seen, 1 << 5); taxonomyVersion = string(p, t); }
        default -> p.skipChildren();
      }
    }
    return new EnrichedItem(f.id, f.feed, f.source, f.url, f.title, f.summary, f.content, f.author, f.language,
        f.publishedAt, f.fetchedAt, companies, countries, themes, evidence, storyId, taxonomyVersion);
  }

  /**
   * The tags of an enriched record without its text and evidence (checked for shape, not read); null where the
   * full reader must decide: outside the plain shape, or a record {@link EnrichedItem}'s constructor would refuse
   * (the full reader then words the refusal).
   */
  static EnrichedTags readTags(byte[] bytes) {
    if (bytes.length > FACTORY.streamReadConstraints().getMaxStringLength()) {
      return null; // a skipped string is not held to Jackson's length limit; the full reader checks it
    }
    try (JsonParser p = FACTORY.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      String id = null;
      String storyId = null;
      Instant publishedAt = null;
      Instant fetchedAt = null;
      List<String> companies = null;
      List<String> countries = null;
      List<String> themes = null;
      boolean titleOk = false;
      int seen = 0;
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        JsonToken t = p.nextToken();
        switch (name) {
          case "id" -> { seen = once(seen, 1); id = string(p, t); }
          case "feed" -> { seen = once(seen, 1 << 1); skipString(t); }
          case "source" -> { seen = once(seen, 1 << 2); skipString(t); }
          case "url" -> { seen = once(seen, 1 << 3); skipString(t); }
          case "title" -> { seen = once(seen, 1 << 4); titleOk = titleOk(p, t); }
          case "summary" -> { seen = once(seen, 1 << 5); skipString(t); }
          case "content" -> { seen = once(seen, 1 << 6); skipString(t); }
          case "author" -> { seen = once(seen, 1 << 7); skipString(t); }
          case "language" -> { seen = once(seen, 1 << 8); skipString(t); }
          case "publishedAt" -> { seen = once(seen, 1 << 9); publishedAt = instant(p, t); }
          case "fetchedAt" -> { seen = once(seen, 1 << 10); fetchedAt = instant(p, t); }
          case "companies" -> { seen = once(seen, 1 << 11); companies = strings(p, t); }
          case "countries" -> { seen = once(seen, 1 << 12); countries = strings(p, t); }
          case "themes" -> { seen = once(seen, 1 << 13); themes = strings(p, t); }
          case "evidence" -> { seen = once(seen, 1 << 14); evidence(p, t, false); }
          case "storyId" -> { seen = once(seen, 1 << 15); storyId = string(p, t); }
          case "taxonomyVersion" -> { seen = once(seen, 1 << 16); skipString(t); }
          default -> p.skipChildren();
        }
      }
      if (id == null || !titleOk || publishedAt == null) {
        return null;
      }
      return new EnrichedTags(id, storyId == null ? id : storyId, publishedAt, fetchedAt,
          companies == null ? List.of() : companies, countries == null ? List.of() : countries,
          themes == null ? List.of() : themes);
    } catch (Fallback | IOException | RuntimeException e) {
      return null;
    }
  }

  /** A string or null, not read: the parser skips its characters at the next token. */
  private static void skipString(JsonToken t) throws Fallback {
    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
      throw FALLBACK;
    }
  }

  /** Whether the title is one {@link EnrichedItem} accepts (present, not blank, not too long), without a String. */
  private static boolean titleOk(JsonParser p, JsonToken t) throws IOException, Fallback {
    if (t != JsonToken.VALUE_STRING) {
      throw FALLBACK;
    }
    int len = p.getTextLength();
    if (len > RawItem.MAX_TITLE_CHARS) {
      return false;
    }
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    for (int i = off; i < off + len; ) {
      int cp = Character.codePointAt(c, i, off + len);
      if (!Character.isWhitespace(cp)) {
        return true; // String.isBlank's rule: blank is empty or only white space code points
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /** Databind lets the last of duplicate keys win for some fields and not others: it decides those. */
  private static int once(int seen, int bit) throws Fallback {
    if ((seen & bit) != 0) {
      throw FALLBACK;
    }
    return seen | bit;
  }

  /** Databind would coerce a number or boolean to text; the codec takes only a string or null. */
  private static String string(JsonParser p, JsonToken t) throws IOException, Fallback {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw FALLBACK;
  }

  private static Instant instant(JsonParser p, JsonToken t) throws IOException, Fallback {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw FALLBACK;
    }
    Instant instant = parseInstant(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    if (instant == null) {
      throw FALLBACK;
    }
    return instant;
  }

  /** Null elements go to databind, whose reading of them the record's constructor then refuses. */
  private static List<String> strings(JsonParser p, JsonToken t) throws IOException, Fallback {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw FALLBACK;
    }
    List<String> values = new ArrayList<>();
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
      if (e != JsonToken.VALUE_STRING) {
        throw FALLBACK;
      }
      values.add(p.getText());
    }
    return values;
  }

  /**
   * The evidence array in the shape the fast path takes; with {@code keep} false only checked, its strings skipped
   * (the lean reader), and null returned.
   */
  private static List<Evidence> evidence(JsonParser p, JsonToken t, boolean keep) throws IOException, Fallback {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_ARRAY) {
      throw FALLBACK;
    }
    List<Evidence> values = keep ? new ArrayList<>() : null;
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
      if (e != JsonToken.START_OBJECT) {
        throw FALLBACK;
      }
      String dimension = null, id = null, term = null, field = null;
      int seen = 0;
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "dimension" -> { seen = once(seen, 1); dimension = keep ? string(p, v) : skip(v); }
          case "id" -> { seen = once(seen, 1 << 1); id = keep ? string(p, v) : skip(v); }
          case "term" -> { seen = once(seen, 1 << 2); term = keep ? string(p, v) : skip(v); }
          case "field" -> { seen = once(seen, 1 << 3); field = keep ? string(p, v) : skip(v); }
          default -> p.skipChildren();
        }
      }
      if (keep) {
        values.add(new Evidence(dimension, id, term, field));
      }
    }
    return values;
  }

  /** {@link #skipString} where a value is expected: null. */
  private static String skip(JsonToken t) throws Fallback {
    skipString(t);
    return null;
  }


  private static final int[] DAYS_IN_MONTH = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  /**
   * Parses exactly {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date and time; null for anything else,
   * including what ISO_INSTANT would still accept (an offset, lowercase t/z, 24:00, a leap second, a bare dot).
   */
  static Instant parseInstant(char[] c, int off, int len) {
    if (len < 20 || len > 30 || len == 21 || c[off + len - 1] != 'Z') {
      return null;
    }
    if (c[off + 4] != '-' || c[off + 7] != '-' || c[off + 10] != 'T' || c[off + 13] != ':' || c[off + 16] != ':') {
      return null;
    }
    int year = number(c, off, 4);
    int month = number(c, off + 5, 2);
    int day = number(c, off + 8, 2);
    int hour = number(c, off + 11, 2);
    int minute = number(c, off + 14, 2);
    int second = number(c, off + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59) {
      return null;
    }
    boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    if (day > (month == 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) {
      return null;
    }
    int nano = 0;
    if (len > 20) {
      if (c[off + 19] != '.') {
        return null;
      }
      int digits = len - 21;
      nano = number(c, off + 20, digits);
      if (nano < 0) {
        return null;
      }
      for (int i = digits; i < 9; i++) {
        nano *= 10;
      }
    }
    // Days since 1970-01-01 of a civil date, counting years from March so the leap day comes last.
    int y = month <= 2 ? year - 1 : year;
    int era = y / 400; // y >= -1 here; year 0000 January/February is the only negative y and falls in era 0
    if (y < 0) {
      era = -1;
    }
    int yearOfEra = y - era * 400;
    int mp = month > 2 ? month - 3 : month + 9;
    int dayOfYear = (153 * mp + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    long epochDay = (long) era * 146_097 + dayOfEra - DAYS_0000_TO_1970;
    return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
  }

  /** The value of {@code count} ASCII digits, or -1 if one is not a digit. */
  private static int number(char[] c, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      int d = c[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
