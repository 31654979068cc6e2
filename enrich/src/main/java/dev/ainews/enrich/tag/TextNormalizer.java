package dev.ainews.enrich.tag;

import java.text.Normalizer;

/**
 * Brings text and taxonomy terms to one form before matching: Unicode NFKC (full-width "ＤｅｅｐＳｅｅｋ" becomes
 * "DeepSeek", "ﬁ" becomes "fi"), typographic apostrophes, quotes and dashes folded to their ASCII forms (so
 * "OpenAI’s" and "GPT‑4o" with a non-breaking hyphen match), and a per-character lower-case copy of the same length,
 * so that a match found in the folded copy can be checked against the original capitalization at the same offsets.
 */
final class TextNormalizer {

  private TextNormalizer() {}

  /** The normalized text; {@link #fold} of it is what the automaton scans. */
  static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    // NFKC is the expensive step; most news text (ASCII, common CJK, kana, hangul, Latin-1 letters) is already
    // NFKC-stable apart from the few characters mapped below, so the full normalizer only runs when needed.
    String s = needsNfkc(text) ? Normalizer.normalize(text, Normalizer.Form.NFKC) : text;
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char m = map(c);
      if (m != c && out == null) {
        out = new StringBuilder(s.length());
        out.append(s, 0, i);
      }
      if (out != null) {
        out.append(m);
      }
    }
    return out == null ? s : out.toString();
  }

  /** A text in its normalized form and the folded copy the automaton scans. */
  record Folded(String normalized, char[] folded) {}

  /**
   * {@link #normalize} and {@link #fold} in one pass over the text, for the common case of text that needs no NFKC
   * and no mapping (one pass instead of three, no intermediate string); the same result as the two calls.
   */
  static Folded normalizeAndFold(String text) {
    if (text == null || text.isEmpty()) {
      return new Folded("", new char[0]);
    }
    char[] f = new char[text.length()];
    for (int i = 0; i < f.length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && (c >= 0xA0 && !nfkcStable(c) || map(c) != c)) {
        String norm = normalize(text);
        return new Folded(norm, fold(norm));
      }
      f[i] = foldChar(c);
    }
    return new Folded(text, f);
  }

  /** Per-character lower case: same length as the input, so offsets agree. */
  static char[] fold(String normalized) {
    char[] f = new char[normalized.length()];
    for (int i = 0; i < f.length; i++) {
      f[i] = foldChar(normalized.charAt(i));
    }
    return f;
  }

  static char foldChar(char c) {
    if (c < 0x80) {
      return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
    if (c >= 0x2E80 && c < 0xA640) {
      return c; // CJK, kana, bopomofo, Yi: no case (checked for every char of the range in TextNormalizerTest)
    }
    return Character.toLowerCase(c);
  }

  /** Characters NFKC leaves alone but that news writes in several ways. */
  private static char map(char c) {
    if (c < 0x80) {
      return c;
    }
    return switch (c) {
      case '\u2018', '\u2019', '\u201B', '\u2032', '\u02BC', '\uFF07' -> '\'';
      case '\u201C', '\u201D', '\u201E', '\u2033', '\uFF02' -> '"';
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFE63', '\uFF0D' -> '-';
      case '\u00A0', '\u3000', '\u2007', '\u202F' -> ' ';
      case '\u30FB', '\uFF65', '\u2027' -> '\u00B7'; // middle dots in transliterated names: 山姆·奥特曼
      default -> c;
    };
  }

  private static boolean needsNfkc(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0xA0 || nfkcStable(c)) {
        continue;
      }
      return true;
    }
    return false;
  }

  private static boolean nfkcStable(char c) {
    return (c >= 0xC0 && c <= 0x17F && c != 0x132 && c != 0x133 && c != 0x13F && c != 0x140 && c != 0x149
            && c != 0x17F)
        || (c >= 0x4E00 && c <= 0x9FFF)                  // CJK unified ideographs
        || (c >= 0x3400 && c <= 0x4DBF)                  // extension A
        || (c >= 0x3041 && c <= 0x3096)                  // hiragana
        || (c >= 0x30A1 && c <= 0x30FC)                  // katakana
        || (c >= 0xAC00 && c <= 0xD7A3)                  // hangul syllables
        || (c >= 0x3001 && c <= 0x3035)                  // CJK punctuation
        || (c >= 0x2010 && c <= 0x2023) || c == 0x2027   // dashes, quotes, bullets
        || c == 0xA0 || c == 0x2212 || c == 0xB7 || c == 0x30FB
        || (c >= 0x0391 && c <= 0x03C9)                  // Greek
        || (c >= 0x0410 && c <= 0x044F);                 // Cyrillic
  }
}
