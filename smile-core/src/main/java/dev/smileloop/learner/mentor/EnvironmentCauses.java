package dev.smileloop.learner.mentor;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells a failure this machine caused from a gap in the tutorial. A command that hit a sandbox
 * limit, could not reach the network, found no container daemon, could not write a read-only system
 * location, or missed a tool the tutorial lists as a prerequisite failed because of where it ran:
 * the author cannot fix that, the user running the check can. A missing tool the tutorial never
 * mentions is not such a cause: that stays a gap, because readers will miss it too.
 */
public final class EnvironmentCauses {

  private static final Pattern CONTAINER_DAEMON =
      Pattern.compile(
          "(?i)cannot connect to the docker daemon|is the docker daemon running|"
              + "permission denied while trying to connect to the docker daemon socket|"
              + "error during connect: .*docker|failed to connect to the docker API|"
              + "cannot connect to podman|unable to connect to podman socket");
  private static final Pattern NETWORK =
      Pattern.compile(
          "(?i)temporary failure in name resolution|temporary failure resolving|"
              + "could not resolve host|could not resolve hostname|name or service not known|"
              + "network is unreachable|getaddrinfo (?:ENOTFOUND|EAI_AGAIN)|\\bEAI_AGAIN\\b|"
              + "npm (?:ERR!|error) code ENOTFOUND|failed to establish a new connection|"
              + "no address associated with hostname|curl: \\(6\\)|dial tcp: lookup .*: no such host");

  /**
   * What a package index answers when it cannot be reached and no connection error is printed
   * ({@code pip --retries 0}): in an offline sandbox it means no network, online it may be a
   * misspelled package, so it counts only offline.
   */
  private static final Pattern OFFLINE_ONLY =
      Pattern.compile("(?i)\\(from versions: none\\)|no matching distribution found");

  private static final Pattern READ_ONLY =
      Pattern.compile(
          "(?i)read-only file system|EROFS|"
              + "EACCES: permission denied, (?:mkdir|open|symlink|access|rename|unlink) "
              + "'/(?:usr|opt|etc|var|lib|bin|sbin|srv)/|"
              + "(?:cannot create|cannot touch|cannot open|can't create).*'/(?:usr|opt|etc|bin|sbin)/"
              + "[^']*': Permission denied");

  private EnvironmentCauses() {}

  /**
   * The environment finding for a failed command, if its failure is this machine's doing. {@code
   * step} names the tutorial step (may be null); {@code declaredTools} are the tools the tutorial
   * lists as prerequisites or installs (compared case-insensitively).
   */
  public static Optional<EnvironmentFinding> classify(
      CommandRecord failed, String step, Set<String> declaredTools) {
    return classify(failed, step, declaredTools, false);
  }

  /**
   * As above; {@code offline} says the sandbox had no network, so an unreachable package index is
   * known to be this machine's doing even when the tool does not print a connection error.
   */
  public static Optional<EnvironmentFinding> classify(
      CommandRecord failed, String step, Set<String> declaredTools, boolean offline) {
    if (failed == null) {
      return Optional.empty();
    }
    if (failed.limit() != null && !failed.limit().isBlank()) {
      return Optional.of(
          finding(
              failed,
              step,
              EnvironmentFinding.SANDBOX_LIMIT,
              failed.limit().strip(),
              "The command hit a limit of the sandbox, not a mistake in the tutorial. Raise the"
                  + " limit in smile.json (container.limits) or run the check on a machine with"
                  + " more room."));
    }
    boolean failedRun = failed.exitCode() != 0 || failed.timedOut();
    String output = failed.outputExcerpt() == null ? "" : failed.outputExcerpt();
    if (!failedRun) {
      return Optional.empty();
    }
    if (CONTAINER_DAEMON.matcher(output).find()) {
      return Optional.of(
          finding(
              failed,
              step,
              EnvironmentFinding.CONTAINER_DAEMON,
              FailureText.lineMatching(output, CONTAINER_DAEMON),
              "No container engine answers on this machine. Run the check where Docker (or"
                  + " Podman) is installed and running to validate this step."));
    }
    Pattern network =
        offline && !NETWORK.matcher(output).find() && OFFLINE_ONLY.matcher(output).find()
            ? OFFLINE_ONLY
            : NETWORK;
    if (network.matcher(output).find()) {
      return Optional.of(
          finding(
              failed,
              step,
              EnvironmentFinding.NETWORK,
              FailureText.lineMatching(output, network),
              "This step needs the internet and the sandbox is offline. Set \"container\":"
                  + " {\"network\": true} in smile.json (or run where the network is reachable)"
                  + " to validate it."));
    }
    if (READ_ONLY.matcher(output).find()) {
      return Optional.of(
          finding(
              failed,
              step,
              EnvironmentFinding.READ_ONLY_SYSTEM,
              FailureText.lineMatching(output, READ_ONLY),
              "The step writes into a system location, which is read-only in the sandbox. It"
                  + " needs admin rights (`sudo`) on a reader's machine too: the tutorial should say so, or"
                  + " install into the project folder or $HOME."));
    }
    Optional<String> missing = FailureText.missingCommand(output);
    if (missing.isEmpty() && failed.exitCode() == 127 && failed.command() != null) {
      missing = Optional.of(FailureText.firstWord(failed.command()));
    }
    if (missing.isPresent() && declared(missing.get(), declaredTools)) {
      String tool = missing.get();
      return Optional.of(
          finding(
              failed,
              step,
              EnvironmentFinding.DECLARED_PREREQUISITE,
              FailureText.namingLine(output),
              "The tutorial lists `"
                  + tool
                  + "` as a prerequisite and this machine does not have it. Install it where the"
                  + " check runs"
                  + ToolCatalog.install(tool).map(i -> " (" + i.describe() + ")").orElse("")
                  + " to validate the steps that use it."));
    }
    return Optional.empty();
  }

  private static boolean declared(String tool, Set<String> declaredTools) {
    if (declaredTools == null || declaredTools.isEmpty()) {
      return false;
    }
    String wanted = tool.toLowerCase(Locale.ROOT);
    return declaredTools.stream()
        .anyMatch(d -> d != null && d.toLowerCase(Locale.ROOT).equals(wanted));
  }

  private static EnvironmentFinding finding(
      CommandRecord failed, String step, String kind, String evidence, String advice) {
    String where = step != null && !step.isBlank() ? step.strip() : blankToNull(failed.step());
    return new EnvironmentFinding(
        kind,
        failed.line() > 0 ? failed.line() : null,
        null,
        where,
        failed.command(),
        evidence,
        advice);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
