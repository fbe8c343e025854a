package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.learner.mentor.DeclaredTools;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.manifest.control.ManifestBuilder;
import dev.smileloop.manifest.control.ToolVersions;
import dev.smileloop.manifest.entity.AssumedEnvironment;
import dev.smileloop.report.entity.AuditTrail;
import dev.smileloop.report.entity.CommandAudit;
import dev.smileloop.report.entity.FileAudit;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapCounts;
import dev.smileloop.report.entity.IterationAudit;
import dev.smileloop.report.entity.LlmCall;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportSummary;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.report.entity.TimelineEntry;
import dev.smileloop.report.entity.TimelineEntry.Event;
import dev.smileloop.report.entity.ToolInfo;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the gap report of a loop from its final state, its tutorial and its configuration. Every
 * string that enters the report passes the {@link SecretRedactor} here, once, so renderers never
 * see a secret.
 */
public final class ReportBuilder {

  private final SecretRedactor redactor;
  private final ToolInfo tool;
  private final ToolVersions versions;

  /** A builder that masks this process's secret environment values and names this build. */
  public ReportBuilder() {
    this(SecretRedactor.fromEnvironment(), ToolInfo.current());
  }

  /** A builder that reads tool versions from the sandbox's PATH. */
  public ReportBuilder(SecretRedactor redactor, ToolInfo tool) {
    this(redactor, tool, new ToolVersions());
  }

  public ReportBuilder(SecretRedactor redactor, ToolInfo tool, ToolVersions versions) {
    this.redactor = Objects.requireNonNull(redactor);
    this.tool = Objects.requireNonNull(tool);
    this.versions = Objects.requireNonNull(versions);
  }

  /**
   * The report of a loop. The state is normally terminal, but any snapshot works (a running loop
   * reports what it found so far). {@code tutorial} and {@code config} may be null when unknown;
   * the clock stamps {@code generatedAt}.
   */
  public Report build(LoopState state, Tutorial tutorial, SmileConfig config, Clock clock) {
    return build(state, tutorial, config, clock, List.of());
  }

  /** The same, with the LLM calls the loop's agents made, for the audit trail. */
  public Report build(
      LoopState state, Tutorial tutorial, SmileConfig config, Clock clock, List<LlmCall> llmCalls) {
    Objects.requireNonNull(state, "state");
    Instant now = clock.instant();
    Map<Integer, Instant> studentCallEnds = new java.util.HashMap<>();
    for (LlmCall call : llmCalls) {
      if ("student".equals(call.role()) && call.endedAt() != null) {
        studentCallEnds.merge(call.iteration(), call.endedAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
    }
    LoopRun run = new LoopRun(state, studentCallEnds);
    TutorialLocator locator = new TutorialLocator(tutorial);
    GapAnalysis gapAnalysis = new GapAnalysis(run, locator, redactor);
    String markdown = tutorial == null ? null : tutorial.markdown();
    List<ManifestBuilder.Ran> ran = ManifestSection.ran(run, locator);
    Set<String> declared =
        DeclaredTools.of(markdown, ran.stream().map(ManifestBuilder.Ran::command).toList());
    List<EnvironmentFinding> findings =
        new EnvironmentAnalysis(run, gapAnalysis, locator, redactor, declared).findings();
    Set<Integer> environmentLines = EnvironmentAnalysis.lines(findings);
    AssumedEnvironment manifest =
        ManifestSection.manifest(state, config, markdown, ran, versions, redactor);
    gapAnalysis.excluding(environmentLines);
    Set<Integer> taken = new HashSet<>(environmentLines);
    List<Gap> traced = gapAnalysis.gaps();
    traced.stream().filter(Gap::hasLine).forEach(g -> taken.add(g.location().line()));
    List<Gap> gaps =
        gapAnalysis.gaps(
            PrerequisiteGaps.of(
                manifest, locator, redactor, taken, ManifestSection.firstIteration(run)));
    return new Report(
        Report.SCHEMA_VERSION,
        now,
        new ToolInfo(
            redactor.redact(tool.name()), redactor.redact(tool.version()), tool.informationUri()),
        summary(run, tutorial, config, gaps, findings, now),
        gaps,
        Recommendations.of(gaps),
        new StepAnalysis(run, locator, gapAnalysis, redactor)
            .environmentStopped(EnvironmentAnalysis.prevented(state, gaps, findings))
            .steps(gaps),
        timeline(run, now),
        audit(run, locator, gapAnalysis, llmCalls),
        findings,
        manifest,
        null);
  }

  private ReportSummary summary(
      LoopRun run,
      Tutorial tutorial,
      SmileConfig config,
      List<Gap> gaps,
      List<EnvironmentFinding> findings,
      Instant now) {
    LoopState state = run.state();
    Instant started = state.startedAt();
    Instant ended = run.endedAt() != null ? run.endedAt() : now;
    long millis = started == null ? 0 : Math.max(0, Duration.between(started, ended).toMillis());
    String name = tutorialName(state, tutorial);
    // Redacted before it becomes a URI, so a mask never breaks the URI's syntax.
    String path = redactor.redact(tutorialPath(state, tutorial, config, name));
    return new ReportSummary(
        redactor.redact(state.loopId()),
        state.status(),
        redactor.redact(state.reason()),
        run.iterationCount(),
        state.maxIterations() > 0
            ? state.maxIterations()
            : config == null ? 0 : config.maxIterations(),
        started,
        ended,
        millis,
        redactor.redact(name),
        path,
        tutorialUri(tutorial, config, path),
        new GapCounts(
            count(gaps, Severity.CRITICAL),
            count(gaps, Severity.MAJOR),
            count(gaps, Severity.MINOR)),
        findings.size(),
        EnvironmentAnalysis.prevented(state, gaps, findings));
  }

  private static int count(List<Gap> gaps, Severity severity) {
    return (int) gaps.stream().filter(g -> g.severity() == severity).count();
  }

  private static String tutorialName(LoopState state, Tutorial tutorial) {
    if (tutorial != null && !LoopRun.blank(tutorial.name())) {
      return tutorial.name();
    }
    if (tutorial != null && tutorial.path() != null && tutorial.path().getFileName() != null) {
      return tutorial.path().getFileName().toString();
    }
    return LoopRun.blank(state.tutorial()) ? "tutorial" : state.tutorial();
  }

  /** The tutorial as the user named it: relative to the configuration's folder when inside it. */
  private static String tutorialPath(
      LoopState state, Tutorial tutorial, SmileConfig config, String name) {
    Path path = tutorial == null ? null : tutorial.path();
    if (path == null) {
      return LoopRun.blank(state.tutorial()) ? name : state.tutorial();
    }
    Path absolute = path.toAbsolutePath().normalize();
    if (config != null && config.baseDir() != null) {
      Path base = config.baseDir().toAbsolutePath().normalize();
      if (absolute.startsWith(base) && !absolute.equals(base)) {
        return slashes(base.relativize(absolute));
      }
    }
    return path.isAbsolute() ? absolute.toString() : slashes(path.normalize());
  }

  /**
   * The tutorial as a relative URI reference (percent-encoded), for SARIF's SRCROOT: its path
   * relative to the configuration's folder, or just its file name when it lies elsewhere.
   */
  private static String tutorialUri(Tutorial tutorial, SmileConfig config, String displayPath) {
    String relative = displayPath;
    Path path = tutorial == null ? null : tutorial.path();
    if (path != null && (Path.of(displayPath).isAbsolute() || displayPath.startsWith(".."))) {
      relative = path.getFileName() == null ? displayPath : path.getFileName().toString();
    }
    relative = relative.replace('\\', '/');
    while (relative.startsWith("/") || relative.startsWith("./")) {
      relative = relative.substring(relative.startsWith("/") ? 1 : 2);
    }
    try {
      return new URI(null, null, relative, null).toASCIIString();
    } catch (URISyntaxException e) {
      // A name that cannot be a path URI (a colon before any slash, say) still must reach SARIF.
      return relative.replaceAll("[^A-Za-z0-9._~/-]", "_");
    }
  }

  private static String slashes(Path path) {
    return path.toString().replace('\\', '/');
  }

  private List<TimelineEntry> timeline(LoopRun run, Instant now) {
    LoopState state = run.state();
    List<TimelineEntry> entries = new ArrayList<>();
    Stamp stamp = new Stamp(state.startedAt() != null ? state.startedAt() : now);
    entries.add(
        new TimelineEntry(
            stamp.at(state.startedAt()),
            0,
            Event.LOOP_STARTED,
            redactor.redact(
                "Tutorial "
                    + Objects.requireNonNullElse(state.tutorial(), "(inline)")
                    + (state.maxIterations() > 0
                        ? ", up to " + state.maxIterations() + " iterations"
                        : ""))));
    Set<Integer> answered = new HashSet<>();
    for (IterationRecord record : run.iterations()) {
      int n = record.iteration();
      entries.add(new TimelineEntry(stamp.at(record.startedAt()), n, Event.ITERATION_STARTED, ""));
      StudentOutput out = record.studentOutput();
      if (out != null) {
        entries.add(
            new TimelineEntry(
                stamp.at(run.reportedAt(record)), n, Event.STUDENT_REPORTED, studentDetail(out)));
      }
      run.answer(n)
          .ifPresent(
              a -> {
                answered.add(n);
                entries.add(
                    new TimelineEntry(
                        stamp.at(a.timestamp() != null ? a.timestamp() : record.endedAt()),
                        n,
                        Event.MENTOR_ANSWERED,
                        redactor.redact(a.text().strip())));
              });
    }
    for (LoopRun.Answer answer : run.answers()) {
      if (!answered.contains(answer.iteration())) {
        entries.add(
            new TimelineEntry(
                stamp.at(answer.timestamp()),
                answer.iteration(),
                Event.MENTOR_ANSWERED,
                redactor.redact(answer.text().strip())));
      }
    }
    if (state.status().isTerminal()) {
      String reason = LoopRun.blank(state.reason()) ? "" : ": " + state.reason().strip();
      entries.add(
          new TimelineEntry(
              stamp.at(run.endedAt()),
              0,
              Event.LOOP_ENDED,
              redactor.redact("Status " + state.status().wireName() + reason)));
    }
    return List.copyOf(entries);
  }

  private String studentDetail(StudentOutput out) {
    StringBuilder detail =
        new StringBuilder(out.status() == null ? "unknown" : out.status().wireName());
    if (!LoopRun.blank(out.currentStep())) {
      detail.append(" at \"").append(out.currentStep().strip()).append('"');
    }
    String what = GapAnalysis.firstNonBlank(out.problem(), out.reason(), out.summary());
    if (what != null) {
      detail.append(": ").append(what);
    }
    return redactor.redact(detail.toString());
  }

  private AuditTrail audit(
      LoopRun run, TutorialLocator locator, GapAnalysis gapAnalysis, List<LlmCall> llmCalls) {
    List<IterationAudit> iterations = new ArrayList<>();
    List<CommandAudit> commands = new ArrayList<>();
    List<FileAudit> files = new ArrayList<>();
    for (IterationRecord record : run.iterations()) {
      iterations.add(iterationAudit(run, record, gapAnalysis));
      StudentOutput out = record.studentOutput();
      if (out == null) {
        continue;
      }
      Instant reported = run.reportedAt(record);
      Instant at = record.startedAt() != null ? record.startedAt() : reported;
      Set<String> recorded = new HashSet<>();
      for (CommandRecord raw : out.commands()) {
        CommandRecord c = gapAnalysis.redacted(raw);
        commands.add(
            new CommandAudit(
                commands.size() + 1,
                record.iteration(),
                at,
                Objects.requireNonNullElse(c.command(), ""),
                c.line(),
                c.step(),
                c.exitCode(),
                c.durationMillis(),
                c.timedOut(),
                c.fromMentor(),
                c.outputExcerpt()));
        if (raw.command() != null) {
          recorded.add(raw.command().strip());
        }
        if (at != null) {
          at = at.plusMillis(Math.max(0, raw.durationMillis()));
          if (reported != null && at.isAfter(reported)) {
            at = reported;
          }
        }
      }
      // Agents that only list what they ran still get every command into the audit.
      for (String listed : out.commandsRun()) {
        if (LoopRun.blank(listed) || recorded.contains(listed.strip())) {
          continue;
        }
        int line = locator.find(listed).orElse(0);
        commands.add(
            new CommandAudit(
                commands.size() + 1,
                record.iteration(),
                reported,
                redactor.redact(listed.strip()),
                line,
                redactor.redact(locator.headingOf(line).orElse(null)),
                null,
                null,
                false,
                false,
                null));
      }
      for (String file : out.filesCreated()) {
        if (!LoopRun.blank(file)) {
          files.add(new FileAudit(record.iteration(), reported, redactor.redact(file.strip())));
        }
      }
    }
    return new AuditTrail(
        iterations, commands, files, llmCalls.stream().map(this::masked).toList());
  }

  /** An LLM call with secrets masked in what the model said and in the failure message. */
  private LlmCall masked(LlmCall c) {
    return new LlmCall(
        c.iteration(),
        c.role(),
        c.provider(),
        c.model(),
        c.startedAt(),
        c.durationMillis(),
        c.outcome(),
        c.endedAt(),
        c.promptTokens(),
        c.outputTokens(),
        c.tokenSource(),
        c.retries(),
        c.stopReason(),
        c.parseStrategy(),
        c.rawOutput() == null ? null : redactor.redact(c.rawOutput()),
        redactor.redact(c.toolCalls()),
        c.message() == null ? null : redactor.redact(c.message()));
  }

  private IterationAudit iterationAudit(
      LoopRun run, IterationRecord record, GapAnalysis gapAnalysis) {
    StudentOutput out = record.studentOutput();
    LoopRun.Answer answer = run.answer(record.iteration()).orElse(null);
    String mentorAnswer = answer == null ? null : redactor.redact(answer.text());
    Instant answeredAt =
        answer == null ? null : answer.timestamp() != null ? answer.timestamp() : record.endedAt();
    if (out == null) {
      return new IterationAudit(
          record.iteration(),
          record.startedAt(),
          record.endedAt(),
          null,
          null,
          null,
          0,
          null,
          null,
          null,
          null,
          mentorAnswer,
          answeredAt);
    }
    TutorialLocation location =
        out.status() == StudentStatus.COMPLETED && out.location() == null
            ? new TutorialLocation(0, "", null)
            : gapAnalysis.locate(out);
    return new IterationAudit(
        record.iteration(),
        record.startedAt(),
        record.endedAt(),
        run.reportedAt(record),
        out.status() == null ? null : out.status().wireName(),
        redactor.redact(out.trigger()),
        location.line(),
        redactor.redact(LoopRun.blank(location.heading()) ? out.currentStep() : location.heading()),
        redactor.redact(GapAnalysis.firstNonBlank(out.problem(), out.reason())),
        redactor.redact(out.questionForMentor()),
        redactor.redact(out.summary()),
        mentorAnswer,
        answeredAt);
  }

  /** Keeps timestamps present and never earlier than the one before: unknown times inherit. */
  private static final class Stamp {
    private Instant last;

    Stamp(Instant first) {
      this.last = first;
    }

    Instant at(Instant time) {
      if (time != null && !time.isBefore(last)) {
        last = time;
      }
      return last;
    }
  }
}
