package dev.ainews.enrich.tag;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A multi-pattern matcher (Aho-Corasick) over folded UTF-16 text: one pass finds every occurrence of every pattern,
 * whatever the number of patterns. Immutable after construction and safe to share between threads.
 *
 * <p>Layout, chosen for throughput on mixed English/Chinese news: characters that occur in no pattern map to class 0
 * and send the automaton straight back to the root; Latin and other small-alphabet characters get a dense,
 * fully resolved transition table (one array read per character); CJK characters, of which the patterns use
 * hundreds, keep sparse goto arrays and follow failure links.
 */
final class AhoCorasick {

  /** Receives each occurrence: the pattern index and the exclusive end offset in the text. */
  @FunctionalInterface
  interface Hits {
    void hit(int pattern, int end);
  }

  private static final char DENSE_BELOW = 0x2E80; // start of the CJK blocks

  private final char[] classOf = new char[65536];
  private final int denseClasses;
  private final int[] delta;        // node * denseClasses + class -> node
  private final int[] fail;
  private final int[][] sparseKeys; // node -> sorted classes >= denseClasses
  private final int[][] sparseNext;
  /** The root's transitions on every class, dense: the root has hundreds of CJK children, and most steps end there. */
  private final int[] rootNext;
  private final int[] outStart;
  private final int[] outData;
  private final int[] patternLength;

  AhoCorasick(List<String> patterns) {
    patternLength = new int[patterns.size()];
    // Classes: dense ones first (characters below the CJK blocks), then the rest.
    TreeSet<Character> chars = new TreeSet<>();
    for (String p : patterns) {
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty pattern");
      }
      for (int i = 0; i < p.length(); i++) {
        chars.add(p.charAt(i));
      }
    }
    int next = 1;
    for (char c : chars) {
      if (c < DENSE_BELOW) {
        classOf[c] = (char) next++;
      }
    }
    denseClasses = next;
    for (char c : chars) {
      if (c >= DENSE_BELOW) {
        classOf[c] = (char) next++;
      }
    }

    // Trie.
    List<Map<Integer, Integer>> go = new ArrayList<>();
    List<List<Integer>> own = new ArrayList<>();
    go.add(new HashMap<>());
    own.add(new ArrayList<>());
    for (int p = 0; p < patterns.size(); p++) {
      String s = patterns.get(p);
      patternLength[p] = s.length();
      int node = 0;
      for (int i = 0; i < s.length(); i++) {
        int c = classOf[s.charAt(i)];
        Integer child = go.get(node).get(c);
        if (child == null) {
          child = go.size();
          go.add(new HashMap<>());
          own.add(new ArrayList<>());
          go.get(node).put(c, child);
        }
        node = child;
      }
      own.get(node).add(p);
    }
    int nodes = go.size();
    // Number the nodes breadth-first: the scan spends most steps in shallow states, and this keeps their rows of
    // the transition table next to each other in memory (insertion order scatters them over the whole table).
    int[] renumber = new int[nodes];
    int[] order = new int[nodes];
    int head = 0;
    int tail = 1;
    while (head < tail) {
      int n = order[head];
      renumber[n] = head++;
      Map<Integer, Integer> children = go.get(n);
      for (int c : new TreeSet<>(children.keySet())) {
        order[tail++] = children.get(c);
      }
    }
    List<Map<Integer, Integer>> bfsGo = new ArrayList<>(nodes);
    List<List<Integer>> bfsOwn = new ArrayList<>(nodes);
    for (int i = 0; i < nodes; i++) {
      Map<Integer, Integer> children = new HashMap<>();
      go.get(order[i]).forEach((c, child) -> children.put(c, renumber[child]));
      bfsGo.add(children);
      bfsOwn.add(own.get(order[i]));
    }
    go = bfsGo;
    own = bfsOwn;
    rootNext = new int[next];
    go.get(0).forEach((c, child) -> rootNext[c] = child);
    fail = new int[nodes];
    delta = new int[nodes * denseClasses];
    sparseKeys = new int[nodes][];
    sparseNext = new int[nodes][];
    List<int[]> outputs = new ArrayList<>(nodes);
    for (int n = 0; n < nodes; n++) {
      outputs.add(null);
    }

    // Breadth-first: a node's failure target is shallower, hence already complete when the node is reached.
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(0);
    while (!queue.isEmpty()) {
      int n = queue.poll();
      Map<Integer, Integer> children = go.get(n);
      int[] merged = own.get(n).stream().mapToInt(Integer::intValue).toArray();
      if (n != 0 && fail[n] != 0) {
        int[] inherited = outputs.get(fail[n]);
        int[] m = Arrays.copyOf(merged, merged.length + inherited.length);
        System.arraycopy(inherited, 0, m, merged.length, inherited.length);
        merged = m;
      }
      outputs.set(n, merged);
      for (int c = 1; c < denseClasses; c++) {
        Integer child = children.get(c);
        if (child != null) {
          delta[n * denseClasses + c] = child;
        } else {
          delta[n * denseClasses + c] = n == 0 ? 0 : delta[fail[n] * denseClasses + c];
        }
      }
      int[] keys = children.keySet().stream().mapToInt(Integer::intValue).filter(c -> c >= denseClasses)
          .sorted().toArray();
      int[] targets = new int[keys.length];
      for (int k = 0; k < keys.length; k++) {
        targets[k] = children.get(keys[k]);
      }
      sparseKeys[n] = keys;
      sparseNext[n] = targets;
      for (Map.Entry<Integer, Integer> e : children.entrySet()) {
        int c = e.getKey();
        int child = e.getValue();
        fail[child] = n == 0 ? 0 : step(fail[n], c);
        queue.add(child);
      }
    }
    outStart = new int[nodes + 1];
    int total = 0;
    for (int n = 0; n < nodes; n++) {
      outStart[n] = total;
      total += outputs.get(n).length;
    }
    outStart[nodes] = total;
    outData = new int[total];
    for (int n = 0; n < nodes; n++) {
      System.arraycopy(outputs.get(n), 0, outData, outStart[n], outputs.get(n).length);
    }
  }

  int patternLength(int pattern) {
    return patternLength[pattern];
  }

  /** Reports every occurrence of every pattern in {@code text}, in order of end offset. */
  void scan(char[] text, Hits hits) {
    int state = 0;
    final int dense = denseClasses;
    for (int i = 0; i < text.length; i++) {
      int c = classOf[text[i]];
      if (c == 0) {
        state = 0;
        continue;
      }
      state = c < dense ? delta[state * dense + c] : step(state, c);
      int a = outStart[state];
      int b = outStart[state + 1];
      for (int k = a; k < b; k++) {
        hits.hit(outData[k], i + 1);
      }
    }
  }

  /** Transition on a sparse (CJK) class by following failure links; also used while building. */
  private int step(int state, int c) {
    if (c < denseClasses) {
      return delta[state * denseClasses + c];
    }
    int s = state;
    while (true) {
      if (s == 0) {
        return rootNext[c];
      }
      int k = Arrays.binarySearch(sparseKeys[s], c);
      if (k >= 0) {
        return sparseNext[s][k];
      }
      s = fail[s];
    }
  }
}
