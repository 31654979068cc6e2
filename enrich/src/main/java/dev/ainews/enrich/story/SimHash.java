package dev.ainews.enrich.story;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * 64-bit SimHash of a headline, for spotting syndicated copies of one story (the
 * same wire copy on many feeds, retitled with the outlet's suffix). Outlets keep
 * the wire headline but cut, reword or prefix the summary, so the headline is
 * the fingerprint; the start of the summary only joins in when the headline is
 * too short to tell stories apart. Features are word unigrams and bigrams for
 * alphabetic scripts and character bigrams for CJK. Copies land within
 * {@link #NEAR} bits of each other; unrelated items differ in about 32.
 */
public final class SimHash {

  /** Maximum Hamming distance of two fingerprints of one story. */
  public static final int NEAR = 3;

  /** Feed-added suffixes such as " - Reuters", " | TechWire" or " (AP)" are not part of the story. */
  private static final Pattern SOURCE_SUFFIX =
      Pattern.compile("(\\s+[-|–—]\\s+[^-|–—]{2,40}|\\s*[(（][^()（）]{2,30}[)）])$");
  private static final int SHORT_TITLE_TOKENS = 4;
  private static final int SUMMARY_WORDS = 20;

  private SimHash() {}

  public static long of(String title, String summary) {
    int[] votes = new int[64];
    String t = withoutSourceSuffix(title == null ? "" : title.strip());
    List<String> titleTokens = tokens(t);
    addFeatures(votes, titleTokens, 2);
    if (titleTokens.size() < SHORT_TITLE_TOKENS && summary != null && !summary.isBlank()) {
      List<String> s = tokens(summary);
      addFeatures(votes, s.subList(0, Math.min(SUMMARY_WORDS, s.size())), 1);
    }
    long hash = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (votes[bit] > 0) {
        hash |= 1L << bit;
      }
    }
    return hash;
  }

  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /**
   * The title without a trailing outlet suffix. The pattern is anchored at the end,
   * so it is tried on the tail only: a suffix is at most 40 characters after its
   * separator, and any whitespace the shorter region leaves before it separates
   * no tokens differently.
   */
  private static String withoutSourceSuffix(String title) {
    int from = Math.max(0, title.length() - 48);
    java.util.regex.Matcher m = SOURCE_SUFFIX.matcher(title).region(from, title.length());
    return m.find() ? title.substring(0, m.start()) : title;
  }

  /** Each token, and each pair of neighbours joined by a space, votes with the bits of its hash. */
  private static void addFeatures(int[] votes, List<String> tokens, int weight) {
    for (int i = 0; i < tokens.size(); i++) {
      long prefix = fnv(FNV_OFFSET, tokens.get(i));
      vote(votes, finish(prefix), weight);
      if (i + 1 < tokens.size()) {
        // The hash of "token next" without building the string.
        vote(votes, finish(fnv(fnvStep(prefix, ' '), tokens.get(i + 1))), weight);
      }
    }
  }

  private static void vote(int[] votes, long h, int weight) {
    for (int bit = 0; bit < 64; bit++) {
      votes[bit] += ((h >>> bit) & 1L) != 0 ? weight : -weight;
    }
  }

  /** Words for alphabetic scripts, overlapping character bigrams for Han/Kana/Hangul runs. */
  static List<String> tokens(String text) {
    // ASCII is its own NFKC form; most headlines are ASCII, and normalizing is the costly step.
    String s = (isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    StringBuilder cjk = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        flushWord(word, out);
        cjk.appendCodePoint(cp);
      } else {
        flushCjk(cjk, out);
        if (Character.isLetterOrDigit(cp)) {
          word.appendCodePoint(cp);
        } else {
          flushWord(word, out);
        }
      }
    }
    flushWord(word, out);
    flushCjk(cjk, out);
    return out;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCjk(int cp) {
    if (cp < 0x1100) {
      return false; // below Hangul Jamo, the first CJK block: Latin, Greek, Cyrillic, Arabic, Indic...
    }
    Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
    return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
        || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL;
  }

  private static void flushWord(StringBuilder word, List<String> out) {
    if (word.length() > 0) {
      out.add(word.toString());
      word.setLength(0);
    }
  }

  private static void flushCjk(StringBuilder run, List<String> out) {
    if (run.length() == 0) {
      return; // called at every non-CJK character
    }
    int n = run.codePointCount(0, run.length());
    if (n == 1) {
      out.add(run.toString());
    } else {
      int[] cps = run.codePoints().toArray();
      for (int i = 0; i + 1 < cps.length; i++) {
        out.add(new String(cps, i, 2));
      }
    }
    run.setLength(0);
  }

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;

  /** 64-bit FNV-1a over the chars, from state {@code h}. */
  private static long fnv(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = fnvStep(h, s.charAt(i));
    }
    return h;
  }

  private static long fnvStep(long h, char c) {
    return (h ^ c) * 0x100000001b3L;
  }

  /** A murmur finalizer over the FNV state, for good bit spread. */
  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
