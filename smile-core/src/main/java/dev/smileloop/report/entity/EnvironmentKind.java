package dev.smileloop.report.entity;

import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds of environment finding, as reports label them. A kind an agent names that we do not
 * know is {@link #OTHER}.
 */
public enum EnvironmentKind {
  NETWORK(
      "No network",
      "A step needs the internet, and the machine that ran the check could not reach it.",
      "Allow network access for the check (\"container\": {\"network\": true}) or run it where the"
          + " network is reachable."),
  CONTAINER_DAEMON(
      "No container daemon",
      "A step needs a running container engine, and none answered on the machine that ran the check.",
      "Run the check where Docker or Podman is installed and running."),
  READ_ONLY_SYSTEM(
      "Read-only system location",
      "A step writes into a system location, which the check's sandbox keeps read-only.",
      "Run such steps where admin rights are available, or change the tutorial to install into the"
          + " project folder or $HOME."),
  SANDBOX_LIMIT(
      "Sandbox limit",
      "A step hit a resource limit of the check's sandbox (memory, processes, time, disk).",
      "Raise the sandbox's limits in smile.json or run the check on a larger machine."),
  DECLARED_PREREQUISITE(
      "Declared prerequisite missing here",
      "The tutorial lists a tool as a prerequisite and the machine that ran the check lacks it.",
      "Install the tool where the check runs."),
  OTHER(
      "Environment",
      "A step failed because of the machine that ran the check, not because of the tutorial.",
      "Fix the machine that runs the check, then run it again.");

  private final String label;
  private final String description;
  private final String advice;

  EnvironmentKind(String label, String description, String advice) {
    this.label = label;
    this.description = description;
    this.advice = advice;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return label;
  }

  public String description() {
    return description;
  }

  public String advice() {
    return advice;
  }

  /** The SARIF rule id: its own namespace, so no tool confuses it with a gap kind. */
  public String ruleId() {
    return "environment/" + wireName();
  }

  public static EnvironmentKind of(String wire) {
    String wanted = wire == null ? "" : wire.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(k -> k != OTHER && k.wireName().equals(wanted))
        .findFirst()
        .orElse(OTHER);
  }
}
