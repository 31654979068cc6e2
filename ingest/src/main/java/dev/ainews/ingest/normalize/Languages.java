package dev.ainews.ingest.normalize;

import java.util.Locale;

/** Language tags reduced to their primary subtag, and a script-based guess when nothing declares one. */
public final class Languages {

  private Languages() {}

  /** "en-US" -> "en", "zh_CN" -> "zh"; null when the value is not a language tag. */
  public static String primary(String tag) {
    if (tag == null) {
      return null;
    }
    String t = tag.strip().toLowerCase(Locale.ROOT);
    int sep = 0;
    while (sep < t.length() && Character.isLetter(t.charAt(sep)) && t.charAt(sep) < 128) {
      sep++;
    }
    String primary = t.substring(0, sep);
    if (primary.length() < 2 || primary.length() > 3 || sep < t.length() && "-_".indexOf(t.charAt(sep)) < 0) {
      return null;
    }
    return primary;
  }

  /**
   * Guesses the language from the script of {@code text}: kana -> ja (Japanese mixes kana with Han), Han -> zh,
   * Hangul -> ko, Cyrillic -> ru, Arabic -> ar, Greek -> el, Hebrew -> he, Devanagari -> hi, Thai -> th, and
   * en when more than half of the letters are Latin. Null when there are no letters.
   */
  public static String guess(String text) {
    if (text == null) {
      return null;
    }
    int han = 0, kana = 0, hangul = 0, cyrillic = 0, latin = 0, arabic = 0, greek = 0, hebrew = 0, devanagari = 0,
        thai = 0, letters = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetter(cp)) {
        continue;
      }
      letters++;
      switch (Character.UnicodeScript.of(cp)) {
        case HAN -> han++;
        case HIRAGANA, KATAKANA -> kana++;
        case HANGUL -> hangul++;
        case CYRILLIC -> cyrillic++;
        case LATIN -> latin++;
        case ARABIC -> arabic++;
        case GREEK -> greek++;
        case HEBREW -> hebrew++;
        case DEVANAGARI -> devanagari++;
        case THAI -> thai++;
        default -> { }
      }
    }
    if (letters == 0) {
      return null;
    }
    int cjk = han + kana;
    int[] counts = {cjk, hangul, cyrillic, latin, arabic, greek, hebrew, devanagari, thai};
    int best = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    if (counts[best] == 0) {
      return null;
    }
    return switch (best) {
      case 0 -> kana > 0 && kana * 20 >= cjk ? "ja" : "zh";
      case 1 -> "ko";
      case 2 -> "ru";
      case 3 -> latin * 2 > letters ? "en" : null;
      case 4 -> "ar";
      case 5 -> "el";
      case 6 -> "he";
      case 7 -> "hi";
      default -> "th";
    };
  }
}
