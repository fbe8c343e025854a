package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.manifest.control.Baseline;
import dev.smileloop.manifest.control.ManifestBuilder;
import dev.smileloop.manifest.control.ToolVersions;
import dev.smileloop.manifest.entity.AssumedEnvironment;
import dev.smileloop.manifest.entity.ManifestEntry;
import dev.smileloop.secret.SecretRedactor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The report's assumed-environment manifest: what the run executed, and what that relied on. */
final class ManifestSection {

  private ManifestSection() {}

  /**
   * Every tutorial command the run executed (not the Mentor's fixes, not SMILE's own file tools),
   * or listed, with its line.
   */
  static List<ManifestBuilder.Ran> ran(LoopRun run, TutorialLocator locator) {
    List<ManifestBuilder.Ran> ran = new ArrayList<>();
    for (IterationRecord record : run.iterations()) {
      StudentOutput out = record.studentOutput();
      if (out == null) {
        continue;
      }
      Set<String> recorded = new HashSet<>();
      for (CommandRecord c : out.commands()) {
        if (c.command() == null) {
          continue;
        }
        // The Mentor's fixes are recorded too, so they are not read back from the list of
        // commands run as if the tutorial had asked for them.
        recorded.add(c.command().strip());
        if (!c.fromMentor() && !c.smileFileTool()) {
          ran.add(new ManifestBuilder.Ran(c.command(), c.line()));
        }
      }
      for (String listed : out.commandsRun()) {
        if (!LoopRun.blank(listed) && !recorded.contains(listed.strip())) {
          ran.add(new ManifestBuilder.Ran(listed, locator.find(listed).orElse(0)));
        }
      }
    }
    return ran;
  }

  /** The manifest of the run, redacted. */
  static AssumedEnvironment manifest(
      LoopState state,
      SmileConfig config,
      String markdown,
      List<ManifestBuilder.Ran> ran,
      ToolVersions versions,
      SecretRedactor redactor) {
    Baseline baseline = Baseline.of(config == null ? null : config.environment());
    AssumedEnvironment raw =
        new ManifestBuilder(baseline, versions.forLoop(state.loopId())).build(markdown, ran);
    return new AssumedEnvironment(
        raw.baseline(),
        raw.entries().stream()
            .map(
                e ->
                    new ManifestEntry(
                        redactor.redact(e.name()),
                        e.kind(),
                        redactor.redact(e.version()),
                        e.declared(),
                        e.baseline(),
                        e.line()))
            .toList());
  }

  static int firstIteration(LoopRun run) {
    return run.iterations().isEmpty() ? 1 : run.iterations().get(0).iteration();
  }
}
