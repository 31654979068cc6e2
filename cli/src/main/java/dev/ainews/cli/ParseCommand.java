package dev.ainews.cli;

import dev.ainews.common.Env;
import dev.ainews.ingest.fetch.FeedFetcher;
import dev.ainews.ingest.fetch.FetchConfig;
import dev.ainews.ingest.fetch.FetchOutcome;
import dev.ainews.ingest.fetch.FetchRequest;
import dev.ainews.ingest.fetch.FetchResult;
import dev.ainews.ingest.parse.ParseReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ainews parse FILE|URL...}: one JSON line per input with the items as the
 * ingest service would publish them (same parse and normalize code).
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = {"Parse feed files or URLs; print one JSON line per input.",
        "Exit 1 if any input failed to parse."})
final class ParseCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "feed files or http(s) URLs")
  List<String> inputs;

  @Override
  public Integer call() throws IOException {
    boolean allOk = true;
    PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    FeedFetcher fetcher = null;
    try {
      for (String input : inputs) {
        String line;
        if (input.startsWith("http://") || input.startsWith("https://")) {
          if (fetcher == null) {
            fetcher = new FeedFetcher(FetchConfig.fromEnv(Env.system()));
          }
          FetchResult r = fetcher.fetch(new FetchRequest(input, null, null, null));
          line = r.outcome() == FetchOutcome.OK
              ? ParseReport.line(input, r.body(), r.contentType(), Instant.now())
              : ParseReport.failure(input, r.error());
        } else {
          Path p = Path.of(input);
          byte[] bytes;
          try {
            bytes = Files.readAllBytes(p);
            line = ParseReport.line(input, bytes, null, Instant.now());
          } catch (IOException e) {
            line = ParseReport.failure(input, "cannot read file: " + e.getMessage());
          }
        }
        allOk &= ParseReport.isOk(line);
        out.println(line);
      }
    } finally {
      out.flush();
      if (fetcher != null) {
        fetcher.close();
      }
    }
    return allOk ? 0 : 1;
  }

}
