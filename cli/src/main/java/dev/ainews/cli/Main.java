package dev.ainews.cli;

import dev.ainews.common.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ainews} command. Exit codes: 0 success, 1 the work failed (a feed
 * that did not parse, a broker that is not there), 2 a usage error.
 */
@Command(name = "ainews", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "AI-industry news signals on Apache Kafka.",
    subcommands = {
        RunCommand.class,
        IngestCommand.class,
        FeedsCommand.class,
        ParseCommand.class,
        TagCommand.class,
        EnrichCommand.class,
        AggregateCommand.class,
        DemoCommand.class,
        TopicsCommand.class,
        TailCommand.class,
        ReplayCommand.class,
        ExportCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit code (tests call this, never main). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigException || e instanceof UserException) {
        cmd.getErr().println("ainews: " + e.getMessage());
        return e instanceof ConfigException ? 2 : 1;
      }
      cmd.getErr().println("ainews " + cmd.getCommandName() + ": " + e);
      org.slf4j.LoggerFactory.getLogger(Main.class).error("command failed", e);
      return 1;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (try: ainews help)");
  }

  /** A failure the user can fix, reported as one line without a stack trace. */
  static final class UserException extends RuntimeException {
    UserException(String message) {
      super(message);
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ainews " + (v == null ? "dev" : v)};
    }
  }
}
