package dev.smileloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** The command line of {@code smile run}, parsed and checked. */
record Options(
    Path tutorial,
    Optional<Path> config,
    Optional<Path> outputDir,
    Optional<String> provider,
    Optional<String> serverUrl,
    Optional<Path> serverJar,
    int port,
    boolean verbose,
    boolean open,
    Optional<String> mentor,
    Optional<String> token,
    Optional<String> host,
    boolean json,
    List<String> settings,
    List<String> targets,
    int jobs,
    boolean noDaemon) {

  private static final java.util.regex.Pattern SETTING =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9._-]*=.*", java.util.regex.Pattern.DOTALL);

  /** Several tutorials at once: a folder, several files or a glob ({@link FolderRun}). */
  boolean folderRun() {
    return !targets.isEmpty();
  }

  static final String USAGE =
      """
      Usage: smile run [TUTORIAL.md] [options]
             smile run FOLDER|FILES|GLOB... [--jobs N] [options]   many tutorials at once
             smile serve [--port N] [--host ADDRESS] [--server-jar PATH]
             smile watch [--server URL] [--token T]   print a server's live events (port 3000)
             smile stop                    stop this folder's SMILE daemon

      Validates a Markdown tutorial: a Student follows it step by step in a sandbox, asks a
      Mentor when stuck, and SMILE writes a gap report. Without TUTORIAL.md, the "tutorial" of
      ./smile.json (or ./tutorial.md) is used.

      Options:
        --config FILE       smile.json to use (default: smile.json beside the tutorial, if any)
        --output DIR        where the reports go (default: the current directory, or the
                            config's outputDir)
        --provider NAME     builtin, claude, codex, gemini, openai, anthropic, google or
                            external (overrides the config)
        --server URL        use a running SMILE server instead of starting one
        --server-jar FILE   the Payara Micro uber-jar to start (the smile script sets it)
        --no-daemon         start a server for this run only and stop it after (default: reuse
                            this folder's daemon, .smile/daemon.json, or leave one running that
                            stops after 10 min without a loop)
        --port N            port of the server this command starts (default: a free one)
        --mentor human      you answer the Student, in the dashboard (overrides the config)
        --open              print a one-time link that opens the dashboard with the API token
        --host ADDRESS      address that server listens on (default 127.0.0.1; 0.0.0.0 opens it
                            to the network: anyone who has the token can then run commands)
        --token T           the API token of --server (default: $SMILE_API_TOKEN, else
                            ./.smile/token)
        --verbose           also print each command's output excerpt
        --set KEY=VALUE     a server setting (system property) for the server this command
                            starts, e.g. --set smile.model.name=qwen2.5:7b; repeatable
        --json              print a JSON summary on standard output (progress goes to stderr)
        --version           print the version
        --jobs N            tutorials sent to the server at once (default: the server's
                            concurrency, smile.loops.concurrency)
        -h, --help          this text

      Exit codes: 0 completed without gaps, 1 completed but gaps were found, 2 blocker or
      max iterations (the tutorial cannot be completed as written), 3 timeout, 4 error
      (bad input, missing sandbox, server failure), 5 stopped, 8 agent error (the model's fault, not the tutorial's), 64 usage error.
      """;

  static Options parse(List<String> args, Path cwd) {
    Deque<String> queue = new ArrayDeque<>(args);
    Path tutorial = null;
    Path config = null;
    Path output = null;
    String provider = null;
    String server = null;
    Path jar = null;
    int port = 0;
    boolean verbose = false;
    boolean open = false;
    String mentor = null;
    String token = null;
    String host = null;
    boolean json = false;
    boolean noDaemon = false;
    List<String> settings = new java.util.ArrayList<>();
    List<String> positional = new java.util.ArrayList<>();
    int jobs = 0;
    while (!queue.isEmpty()) {
      String arg = queue.poll();
      switch (arg) {
        case "--config" -> config = cwd.resolve(value(queue, arg));
        case "--output" -> output = cwd.resolve(value(queue, arg));
        case "--provider" -> provider = value(queue, arg);
        case "--server" -> server = value(queue, arg);
        case "--server-jar" -> jar = cwd.resolve(value(queue, arg));
        case "--port" -> port = portValue(value(queue, arg));
        case "--verbose", "-v" -> verbose = true;
        case "--open" -> open = true;
        case "--mentor" -> mentor = mentorValue(value(queue, arg));
        case "--token" -> token = value(queue, arg);
        case "--host" -> host = value(queue, arg);
        case "--json" -> json = true;
        case "--no-daemon" -> noDaemon = true;
        case "--set" -> {
          String setting = value(queue, arg);
          if (!SETTING.matcher(setting).matches()) {
            throw new UsageException("--set needs KEY=VALUE, got " + setting);
          }
          settings.add(setting);
        }
        case "--jobs" -> jobs = jobsValue(value(queue, arg));
        default -> {
          if (arg.startsWith("-")) {
            throw new UsageException("unknown option " + arg);
          }
          positional.add(arg);
        }
      }
    }
    if (server != null && !settings.isEmpty()) {
      throw new UsageException(
          "--set configures a server this command starts; it cannot change the running server "
              + server);
    }
    List<String> targets = List.of();
    if (positional.size() > 1
        || positional.size() == 1
            && (Files.isDirectory(cwd.resolve(positional.get(0)))
                || TutorialFinder.isGlob(positional.get(0)))) {
      targets = List.copyOf(positional);
    } else if (positional.size() == 1) {
      tutorial = cwd.resolve(positional.get(0));
    }
    if (!targets.isEmpty()) {
      return new Options(
          null,
          Optional.ofNullable(config).map(p -> p.toAbsolutePath().normalize()),
          Optional.ofNullable(output).map(p -> p.toAbsolutePath().normalize()),
          Optional.ofNullable(provider),
          Optional.ofNullable(server),
          Optional.ofNullable(jar).map(p -> p.toAbsolutePath().normalize()),
          port,
          verbose,
          open,
          Optional.ofNullable(mentor),
          Optional.ofNullable(token),
          Optional.ofNullable(host),
          json,
          List.copyOf(settings),
          targets,
          jobs,
          noDaemon);
    }
    if (config == null) {
      Path beside =
          (tutorial == null ? cwd : tutorial.toAbsolutePath().getParent()).resolve("smile.json");
      config = Files.isRegularFile(beside) ? beside : null;
    }
    if (tutorial == null && config == null) {
      tutorial = cwd.resolve("tutorial.md");
    }
    return new Options(
        tutorial == null ? null : tutorial.toAbsolutePath().normalize(),
        Optional.ofNullable(config).map(p -> p.toAbsolutePath().normalize()),
        Optional.ofNullable(output).map(p -> p.toAbsolutePath().normalize()),
        Optional.ofNullable(provider),
        Optional.ofNullable(server),
        Optional.ofNullable(jar).map(p -> p.toAbsolutePath().normalize()),
        port,
        verbose,
        open,
        Optional.ofNullable(mentor),
        Optional.ofNullable(token),
        Optional.ofNullable(host),
        json,
        List.copyOf(settings),
        List.of(),
        jobs,
        noDaemon);
  }

  private static int jobsValue(String text) {
    try {
      int jobs = Integer.parseInt(text);
      if (jobs < 1) {
        throw new UsageException("--jobs must be 1 or more, got " + text);
      }
      return jobs;
    } catch (NumberFormatException e) {
      throw new UsageException("--jobs must be a number, got " + text);
    }
  }

  private static String value(Deque<String> queue, String option) {
    String value = queue.poll();
    if (value == null || value.startsWith("--")) {
      throw new UsageException(option + " needs a value");
    }
    return value;
  }

  private static String mentorValue(String text) {
    String mode = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (!mode.equals("human") && !mode.equals("agent")) {
      throw new UsageException("--mentor must be human or agent, got " + text);
    }
    return mode;
  }

  private static int portValue(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port < 1 || port > 65535) {
        throw new UsageException("--port must be between 1 and 65535, got " + text);
      }
      return port;
    } catch (NumberFormatException e) {
      throw new UsageException("--port must be a number, got " + text);
    }
  }

  /** A command line that cannot be run; the message says why. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
