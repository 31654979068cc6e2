package dev.ainews.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ainews.common.Env;
import dev.ainews.common.Json;
import dev.ainews.enrich.tag.Tagger;
import dev.ainews.enrich.tag.Tags;
import dev.ainews.enrich.taxonomy.TaxonomyException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ainews tag}: JSON lines in, the same objects out with companies,
 * countries, themes and evidence added, through the tagger the enrichment stream
 * uses.
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
    description = {"Tag JSON lines (fields id, title, summary, content, lang, published, source; only title "
        + "required) from FILEs or standard input; print each object with companies, countries, themes and "
        + "evidence added.", "A line that cannot be tagged is reported on stderr with its number; exit 1 if any."})
final class TagCommand implements Callable<Integer> {

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "JSON-lines files (default: standard input)")
  List<Path> files;

  @Option(names = "--taxonomy", paramLabel = "FILE", description = "taxonomy YAML (default: AINEWS_TAXONOMY or the bundled one)")
  Path taxonomy;

  @Override
  public Integer call() throws IOException {
    Tagger tagger;
    try {
      tagger = taxonomy != null ? Tagger.load(taxonomy) : Tagger.fromEnv(Env.system());
    } catch (TaxonomyException e) {
      throw new Main.UserException(e.getMessage());
    }
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    int failed = 0;
    try {
      if (files == null || files.isEmpty()) {
        failed += tagAll(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), "stdin",
            tagger, out);
      } else {
        for (Path f : files) {
          try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            failed += tagAll(r, f.toString(), tagger, out);
          } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("ainews tag: no such file: " + f);
            failed++;
          }
        }
      }
    } finally {
      out.flush();
    }
    return failed == 0 ? 0 : 1;
  }

  static int tagAll(BufferedReader in, String source, Tagger tagger, PrintWriter out) throws IOException {
    int failed = 0;
    int lineNo = 0;
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      try {
        out.println(tagLine(line, tagger));
      } catch (IllegalArgumentException e) {
        failed++;
        out.flush();
        System.err.println("ainews tag: " + source + " line " + lineNo + ": " + e.getMessage());
      }
    }
    return failed;
  }

  static String tagLine(String line, Tagger tagger) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode obj)) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    JsonNode title = obj.get("title");
    if (title == null || !title.isTextual() || title.asText().isBlank()) {
      throw new IllegalArgumentException("'title' is required and must be a non-empty string");
    }
    Tags tags = tagger.tag(title.asText(), text(obj, "summary"), text(obj, "content"), text(obj, "lang"));
    obj.set("companies", Json.MAPPER.valueToTree(tags.companies()));
    obj.set("countries", Json.MAPPER.valueToTree(tags.countries()));
    obj.set("themes", Json.MAPPER.valueToTree(tags.themes()));
    obj.set("evidence", Json.MAPPER.valueToTree(tags.evidence()));
    try {
      return Json.MAPPER.writeValueAsString(obj);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
