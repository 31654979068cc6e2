package dev.ainews.ingest.normalize;

import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** Feed HTML to plain text with jsoup: entities decoded, markup, scripts and styles dropped. */
public final class PlainText {

  private static final Set<String> DROPPED = Set.of("script", "style", "noscript", "template", "iframe", "object",
      "embed", "svg", "math", "head", "title", "button", "select", "form");
  private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2",
      "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "section", "article", "header", "footer", "aside",
      "figure", "figcaption", "hr", "address", "details", "summary", "main", "nav");
  /**
   * A common HTML tag left after one pass means the feed escaped its HTML twice (common in RSS descriptions);
   * a title about "the &lt;blink&gt; tag" keeps its words.
   */
  private static final Pattern LEFTOVER_TAG = Pattern.compile(
      "(?i)</?(p|a|br|div|span|img|b|i|em|strong|ul|ol|li|h[1-6]|blockquote|figure|table|tr|td|font|center)"
          + "(\\s[^<>]*)?/?>");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF]");
  private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u202F\\u205F\\u3000]+");

  private PlainText() {}

  /** One line of text: for titles, summaries, author names. Null or blank input gives null. */
  public static String inline(String html) {
    if (html == null || html.isBlank()) {
      return null;
    }
    String text = collapse(render(html, false));
    if (LEFTOVER_TAG.matcher(text).find()) {
      text = collapse(render(text, false));
    }
    return text.isEmpty() ? null : text;
  }

  /** Text with one line per paragraph, list item or line break: for article content. */
  public static String blocks(String html) {
    if (html == null || html.isBlank()) {
      return null;
    }
    String text = render(html, true);
    if (LEFTOVER_TAG.matcher(text).find()) {
      text = render(text, true);
    }
    StringBuilder out = new StringBuilder(text.length());
    for (String line : text.split("\n")) {
      String l = collapse(line);
      if (!l.isEmpty()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(l);
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  private static String render(String html, boolean keepBlocks) {
    Document doc = Jsoup.parseBodyFragment(html);
    doc.outputSettings().prettyPrint(false);
    StringBuilder sb = new StringBuilder(html.length());
    NodeTraversor.traverse(new NodeVisitor() {
      private int skipDepth = 0;

      @Override
      public void head(Node node, int depth) {
        if (node instanceof Element el) {
          if (skipDepth > 0 || DROPPED.contains(el.normalName())) {
            skipDepth++;
          } else if (BLOCKS.contains(el.normalName())) {
            sb.append(keepBlocks ? '\n' : ' ');
          }
        } else if (node instanceof TextNode t && skipDepth == 0) {
          sb.append(t.getWholeText());
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element el) {
          if (skipDepth > 0) {
            skipDepth--;
          } else if (BLOCKS.contains(el.normalName())) {
            sb.append(keepBlocks ? '\n' : ' ');
          }
        }
      }
    }, doc.body());
    return sb.toString();
  }

  private static String collapse(String s) {
    return SPACES.matcher(CONTROL.matcher(s).replaceAll("")).replaceAll(" ").strip();
  }

  /**
   * Cuts {@code text} to at most {@code max} chars, at a word boundary when one is near, ending in "…".
   */
  public static String cap(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int cut = max - 1;
    if (Character.isLowSurrogate(text.charAt(cut))) {
      cut--;
    }
    int space = cut;
    while (space > 0 && !Character.isWhitespace(text.charAt(space))) {
      space--;
    }
    // Only back off to a space within the last fifth: a CJK text has no spaces and must not shrink to nothing.
    if (space > max * 4 / 5) {
      cut = space;
    }
    return text.substring(0, cut).stripTrailing() + "…";
  }

  /** The first {@code words} words of {@code text} (at most {@code maxChars}), "…" when cut. */
  public static String firstWords(String text, int words, int maxChars) {
    if (text == null) {
      return null;
    }
    String flat = collapse(text);
    int count = 0;
    for (int i = 0; i < flat.length(); i++) {
      if (flat.charAt(i) == ' ' && ++count == words) {
        String head = flat.substring(0, i);
        return head.length() > maxChars ? cap(head, maxChars) : head + "…";
      }
    }
    return cap(flat, maxChars);
  }
}
