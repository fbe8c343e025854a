package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.learner.mentor.ToolCatalog;
import dev.smileloop.manifest.entity.AssumedEnvironment;
import dev.smileloop.manifest.entity.ManifestEntry;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.GapOccurrence;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.List;
import java.util.Set;

/**
 * A gap for every tool or runtime the tutorial used outside the baseline without declaring it: it
 * worked here because this machine has it, and readers without it will fail at that line. A line
 * that already has a gap or an environment finding gets no second entry.
 */
final class PrerequisiteGaps {

  private PrerequisiteGaps() {}

  static List<Gap> of(
      AssumedEnvironment manifest,
      TutorialLocator locator,
      SecretRedactor redactor,
      Set<Integer> takenLines,
      int firstIteration) {
    return manifest.entries().stream()
        .filter(ManifestEntry::missingPrerequisite)
        .filter(e -> e.line() == null || !takenLines.contains(e.line()))
        .map(e -> gap(e, locator, redactor, firstIteration))
        .toList();
  }

  private static boolean knownVersion(String version) {
    return version != null && !version.startsWith("not found") && !version.startsWith("present");
  }

  private static Gap gap(
      ManifestEntry entry, TutorialLocator locator, SecretRedactor redactor, int iteration) {
    TutorialLocation at =
        entry.line() == null ? new TutorialLocation(0, "", null) : locator.at(entry.line());
    String tool = entry.name();
    String problem =
        "The tutorial uses `"
            + tool
            + "` but never asks the reader to install it. It ran here"
            + (knownVersion(entry.version()) ? " (" + entry.version() + ")" : "")
            + "; a reader without it fails at this point.";
    String program = tool.split("\\s+")[tool.split("\\s+").length - 1];
    String fix =
        "List `"
            + tool
            + "` under Prerequisites"
            + ToolCatalog.install(program)
                .map(i -> ", with how to install it (" + i.describe() + ")")
                .orElse(", with how to install it")
            + ", or use a tool every reader already has.";
    TutorialLocation location =
        new TutorialLocation(at.line(), redactor.redact(at.quote()), redactor.redact(at.heading()));
    String title =
        GapKind.MISSING_PREREQUISITE.label()
            + (location.line() >= 1 ? " at line " + location.line() : "")
            + ": `"
            + tool
            + "`";
    return new Gap(
        null,
        redactor.redact(title),
        GapKind.MISSING_PREREQUISITE,
        Severity.MINOR,
        location,
        redactor.redact(problem),
        redactor.redact(fix),
        List.<String>of(),
        false,
        List.of(
            new GapOccurrence(
                Math.max(1, iteration),
                GapOccurrence.Outcome.RECOVERED,
                "missing_prerequisite",
                redactor.redact(problem),
                List.of(),
                List.<CommandRecord>of(),
                null)));
  }
}
