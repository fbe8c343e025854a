package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.report.entity.Gap;
import dev.smileloop.report.entity.GapKind;
import dev.smileloop.report.entity.GapOccurrence;
import dev.smileloop.report.entity.GapOccurrence.Outcome;
import dev.smileloop.report.entity.Severity;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the Student met in each iteration into gaps: one gap per tutorial place, however many
 * iterations met it, with its history, its severity (the worst outcome met), the Mentor's advice
 * and the Mentor's commands after which the step passed.
 */
final class GapAnalysis {

  private static final Pattern NOT_FOUND =
      Pattern.compile("(?:^|[\\s:'\"])([A-Za-z0-9_.+\\-]+)'?: (?:command )?not found");
  private static final Pattern ZSH_NOT_FOUND =
      Pattern.compile("command not found: ([A-Za-z0-9_.+\\-]+)");
  private static final Pattern NO_MODULE = Pattern.compile("No module named '?([A-Za-z0-9_.\\-]+)");

  // Shorter commands ("ls") appear in too much prose to say the Mentor meant them.
  private static final int MIN_NAMED_COMMAND = 4;

  private final LoopRun run;
  private final TutorialLocator locator;
  private final SecretRedactor redactor;

  GapAnalysis(LoopRun run, TutorialLocator locator, SecretRedactor redactor) {
    this.run = run;
    this.locator = locator;
    this.redactor = redactor;
  }

  /** A place being collected: the location and every time it was met, raw (not redacted). */
  private static final class Place {
    final TutorialLocation location;
    final List<Met> met = new ArrayList<>();

    Place(TutorialLocation location) {
      this.location = location;
    }

    Severity severity() {
      return met.stream()
          .map(m -> m.outcome.severity())
          .min(Comparator.naturalOrder())
          .orElse(Severity.MINOR);
    }

    List<Met> stuck() {
      return met.stream().filter(m -> m.outcome != Outcome.RECOVERED).toList();
    }
  }

  /** One meeting with a place, before it becomes a redacted {@link GapOccurrence}. */
  private record Met(
      int iteration,
      Outcome outcome,
      String trigger,
      GapKind kind,
      String problem,
      List<String> attempted,
      List<CommandRecord> failed) {}

  /** The gaps, most severe first, then by line, with ids G1, G2, ... in that order. */
  List<Gap> gaps() {
    Map<String, Place> places = new LinkedHashMap<>();
    for (IterationRecord record : run.iterations()) {
      StudentOutput out = record.studentOutput();
      if (out == null) {
        continue;
      }
      if (out.status() == StudentStatus.ASK_MENTOR
          || out.status() == StudentStatus.CANNOT_COMPLETE) {
        TutorialLocation location = locate(out);
        Outcome outcome =
            out.status() == StudentStatus.CANNOT_COMPLETE
                ? Outcome.CANNOT_COMPLETE
                : Outcome.ASK_MENTOR;
        List<String> attempted = new ArrayList<>(out.attemptedActions());
        Met met =
            new Met(
                record.iteration(),
                outcome,
                out.trigger(),
                kindOf(out),
                firstNonBlank(out.problem(), out.reason(), out.questionForMentor(), out.summary()),
                attempted,
                failedAt(out.commands(), location, true));
        place(places, location, firstNonBlank(out.currentStep(), out.problem(), out.reason()))
            .met
            .add(met);
      }
      for (StudentOutput.Notice notice : out.notices()) {
        if (notice == null) {
          continue;
        }
        TutorialLocation location = locateNotice(notice);
        List<String> attempted =
            LoopRun.blank(notice.workaround()) ? List.of() : List.of(notice.workaround());
        Met met =
            new Met(
                record.iteration(),
                Outcome.RECOVERED,
                notice.trigger(),
                GapKind.fromTrigger(notice.trigger()),
                firstNonBlank(notice.problem(), notice.workaround()),
                attempted,
                failedAt(out.commands(), location, false));
        place(places, location, notice.problem()).met.add(met);
      }
    }
    List<Place> ordered = new ArrayList<>(places.values());
    ordered.sort(
        Comparator.comparing(Place::severity)
            .thenComparingInt(p -> p.location.line() >= 1 ? p.location.line() : Integer.MAX_VALUE)
            .thenComparingInt(p -> p.met.get(0).iteration()));
    List<Gap> gaps = new ArrayList<>();
    for (Place place : ordered) {
      gaps.add(toGap("G" + (gaps.size() + 1), place));
    }
    return List.copyOf(gaps);
  }

  private Gap toGap(String id, Place place) {
    Severity severity = place.severity();
    Met main =
        place.met.stream()
            .filter(m -> m.outcome.severity() == severity)
            .findFirst()
            .orElse(place.met.get(0));
    // The first trigger the learner named says what went wrong; later ones often only say "again".
    GapKind kind =
        place.met.stream()
            .map(m -> m.kind)
            .filter(k -> k != GapKind.UNCLEAR)
            .findFirst()
            .orElse(main.kind);
    TutorialLocation location = place.location;
    List<String> fixCommands = fixCommands(place);
    String problem = LoopRun.blank(main.problem) ? kind.description() : main.problem;
    List<GapOccurrence> history =
        place.met.stream()
            .map(
                m ->
                    new GapOccurrence(
                        m.iteration,
                        m.outcome,
                        redactor.redact(m.trigger),
                        redactor.redact(m.problem),
                        redactor.redact(m.attempted),
                        m.failed.stream().map(this::redacted).toList(),
                        m.outcome == Outcome.RECOVERED
                            ? null
                            : run.answer(m.iteration)
                                .map(a -> redactor.redact(a.text()))
                                .orElse(null)))
            .toList();
    TutorialLocation redactedLocation =
        new TutorialLocation(
            location.line(),
            redactor.redact(location.quote()),
            redactor.redact(location.heading()));
    Gap draft =
        new Gap(
            id,
            // Shortened after redaction: a cut-off secret would no longer look like one.
            title(kind, redactedLocation, redactor.redact(problem)),
            kind,
            severity,
            redactedLocation,
            redactor.redact(problem),
            null,
            redactor.redact(fixCommands),
            resolved(place),
            history);
    return new Gap(
        draft.id(),
        draft.title(),
        kind,
        severity,
        redactedLocation,
        draft.problem(),
        suggestedFix(place, draft),
        draft.fixCommands(),
        draft.resolved(),
        history);
  }

  CommandRecord redacted(CommandRecord c) {
    return new CommandRecord(
        redactor.redact(c.command()),
        c.line(),
        redactor.redact(c.step()),
        c.exitCode(),
        redactor.redact(c.outputExcerpt()),
        c.durationMillis(),
        c.timedOut(),
        c.fromMentor(),
        c.limit());
  }

  private static String title(GapKind kind, TutorialLocation location, String problem) {
    if (location.line() >= 1 && !location.quote().isBlank()) {
      return kind.label() + " at line " + location.line() + ": " + shorten(location.quote(), 72);
    }
    return kind.label() + ": " + shorten(problem, 72);
  }

  /**
   * The Mentor's answers to this place's questions; without any, what to change in the tutorial for
   * this kind of gap, with the learner's own workaround when it found one.
   */
  private String suggestedFix(Place place, Gap draft) {
    Set<String> answers = new LinkedHashSet<>();
    for (Met met : place.stuck()) {
      run.answer(met.iteration)
          .map(LoopRun.Answer::text)
          .map(String::strip)
          .ifPresent(answers::add);
    }
    run.notesAtLine(place.location.line()).stream()
        .map(MentorNote::answer)
        .filter(a -> !LoopRun.blank(a))
        .map(String::strip)
        .forEach(answers::add);
    if (!answers.isEmpty()) {
      return redactor.redact(String.join("\n\n", answers));
    }
    String action = Recommendations.action(draft);
    String fix = Character.toUpperCase(action.charAt(0)) + action.substring(1);
    List<String> workarounds = Recommendations.workarounds(draft);
    return workarounds.isEmpty()
        ? fix
        : fix + " A learner's workaround: " + String.join("; ", workarounds) + ".";
  }

  /**
   * Commands the Mentor suggested that succeeded in a later iteration that did not get stuck here
   * again: the fixes that made the step pass. A command counts when it ran on this step, or when
   * the Mentor's answer to this gap names it (a fix often belongs in an earlier step, such as a
   * {@code chmod} before the script that failed).
   */
  private List<String> fixCommands(Place place) {
    List<Met> stuck = place.stuck();
    if (stuck.isEmpty()) {
      return List.of();
    }
    int first = stuck.get(0).iteration;
    Set<Integer> stuckIterations = new LinkedHashSet<>();
    stuck.forEach(m -> stuckIterations.add(m.iteration));
    List<String> answers =
        stuck.stream()
            .map(m -> run.answer(m.iteration).map(LoopRun.Answer::text).orElse(""))
            .map(GapAnalysis::squeeze)
            .toList();
    Set<String> fixes = new LinkedHashSet<>();
    for (IterationRecord record : run.iterations()) {
      if (record.iteration() <= first || stuckIterations.contains(record.iteration())) {
        continue;
      }
      for (CommandRecord c : LoopRun.commands(record)) {
        if (c.fromMentor()
            && c.exitCode() == 0
            && !c.timedOut()
            && !LoopRun.blank(c.command())
            && (atPlace(c, place.location) || namedIn(answers, c.command()))) {
          fixes.add(c.command().strip());
        }
      }
    }
    return List.copyOf(fixes);
  }

  private static boolean namedIn(List<String> answers, String command) {
    String wanted = squeeze(command);
    return wanted.length() >= MIN_NAMED_COMMAND
        && answers.stream().anyMatch(a -> a.contains(wanted));
  }

  /** Whitespace collapsed, so a command quoted across a line break still matches. */
  private static String squeeze(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  /** Whether a later iteration got past a place it was stuck at (a minor gap always was). */
  private boolean resolved(Place place) {
    List<Met> stuck = place.stuck();
    if (stuck.isEmpty()) {
      return true;
    }
    int last = stuck.get(stuck.size() - 1).iteration;
    int line = place.location.line();
    for (IterationRecord record : run.iterations()) {
      if (record.iteration() <= last || record.studentOutput() == null) {
        continue;
      }
      StudentOutput out = record.studentOutput();
      if (out.status() == StudentStatus.COMPLETED) {
        return true;
      }
      int stuckLine = locate(out).line();
      if (line >= 1 && stuckLine > line) {
        return true;
      }
      boolean passedHere =
          line >= 1
              && out.commands().stream()
                  .anyMatch(c -> c.line() == line && c.exitCode() == 0 && !c.timedOut());
      if (passedHere && stuckLine != line) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where the Student was stuck: its own location when it gave one with a line; else the line of
   * its last failing command; else the line where the failing command, its current step, or a
   * command it ran appears in the tutorial; else line 0 with the step it named.
   */
  TutorialLocation locate(StudentOutput out) {
    TutorialLocation given = out.location();
    if (given != null && given.line() >= 1) {
      return complete(given);
    }
    List<CommandRecord> failing =
        out.commands().stream().filter(c -> c.exitCode() != 0 || c.timedOut()).toList();
    for (int i = failing.size() - 1; i >= 0; i--) {
      if (failing.get(i).line() >= 1) {
        return locator.at(failing.get(i).line());
      }
    }
    List<String> candidates = new ArrayList<>();
    if (given != null) {
      candidates.add(given.quote());
    }
    for (int i = failing.size() - 1; i >= 0; i--) {
      candidates.add(failing.get(i).command());
    }
    // Agents stop at the failure, so the last command they list is the likeliest culprit; their
    // current step (often a heading) comes next, then everything else they mention.
    List<String> listed = reversed(out.commandsRun());
    if (!listed.isEmpty()) {
      candidates.add(listed.get(0));
    }
    candidates.add(out.currentStep());
    candidates.addAll(listed);
    candidates.addAll(reversed(out.attemptedActions()));
    for (String candidate : candidates) {
      Optional<Integer> line = locator.find(candidate);
      if (line.isPresent()) {
        return locator.at(line.get());
      }
    }
    String heading =
        given != null && !LoopRun.blank(given.heading()) ? given.heading() : out.currentStep();
    return unknown(heading);
  }

  private TutorialLocation locateNotice(StudentOutput.Notice notice) {
    TutorialLocation given = notice.location();
    if (given != null && given.line() >= 1) {
      return complete(given);
    }
    if (given != null) {
      Optional<Integer> line = locator.find(given.quote());
      if (line.isPresent()) {
        return locator.at(line.get());
      }
      return unknown(given.heading());
    }
    return unknown(null);
  }

  /**
   * A given location with its quote and heading filled from the tutorial where it left them out.
   */
  private TutorialLocation complete(TutorialLocation given) {
    String quote =
        LoopRun.blank(given.quote()) ? locator.quote(given.line()) : given.quote().strip();
    String heading =
        LoopRun.blank(given.heading())
            ? locator.headingOf(given.line()).orElse(null)
            : given.heading().strip();
    return new TutorialLocation(given.line(), quote, heading);
  }

  private static TutorialLocation unknown(String heading) {
    return new TutorialLocation(0, "", LoopRun.blank(heading) ? null : heading.strip());
  }

  private Place place(Map<String, Place> places, TutorialLocation location, String fallbackText) {
    String key;
    if (location.line() >= 1) {
      key = "line:" + location.line();
    } else {
      String text = firstNonBlank(location.heading(), fallbackText, "unknown");
      key = "text:" + text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
    return places.computeIfAbsent(key, k -> new Place(location));
  }

  /**
   * The failing commands that belong to a place: those on its line or in its step; for a place with
   * no line or step, every failing command of the iteration when {@code allIfUnplaced}.
   */
  private static List<CommandRecord> failedAt(
      List<CommandRecord> commands, TutorialLocation location, boolean allIfUnplaced) {
    List<CommandRecord> failing =
        commands.stream().filter(c -> c.exitCode() != 0 || c.timedOut()).toList();
    if (location.line() < 1 && LoopRun.blank(location.heading())) {
      return allIfUnplaced ? failing : List.of();
    }
    return failing.stream().filter(c -> atPlace(c, location)).toList();
  }

  private static boolean atPlace(CommandRecord c, TutorialLocation location) {
    if (location.line() >= 1 && c.line() == location.line()) {
      return true;
    }
    return !LoopRun.blank(c.step())
        && !LoopRun.blank(location.heading())
        && TutorialLocator.normalizeHeading(c.step())
            .equals(TutorialLocator.normalizeHeading(location.heading()));
  }

  /** The kind the Student named, or one read from its commands when it named none. */
  private static GapKind kindOf(StudentOutput out) {
    if (!LoopRun.blank(out.trigger())) {
      return GapKind.fromTrigger(out.trigger());
    }
    List<CommandRecord> failing =
        out.commands().stream().filter(c -> c.exitCode() != 0 || c.timedOut()).toList();
    if (failing.stream().anyMatch(CommandRecord::timedOut)) {
      return GapKind.TIMEOUT;
    }
    String text =
        (firstNonBlank(out.problem(), out.reason(), "")
                + " "
                + failing.stream()
                    .map(c -> c.outputExcerpt() == null ? "" : c.outputExcerpt())
                    .reduce("", String::concat))
            .toLowerCase(Locale.ROOT);
    if (failing.stream().anyMatch(c -> c.exitCode() == 127) || text.contains("command not found")) {
      return GapKind.MISSING_DEPENDENCY;
    }
    if (!failing.isEmpty()) {
      return GapKind.COMMAND_FAILURE;
    }
    return GapKind.UNCLEAR;
  }

  /**
   * The name of the tool a missing-dependency gap lacks, read from the shell's "not found" message
   * or, failing that, the first word of a command that exited with 127.
   */
  static Optional<String> missingTool(Gap gap) {
    List<String> texts = new ArrayList<>();
    gap.history().forEach(o -> o.failedCommands().forEach(c -> texts.add(c.outputExcerpt())));
    gap.history().forEach(o -> texts.add(o.problem()));
    texts.add(gap.problem());
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      for (Pattern pattern : List.of(ZSH_NOT_FOUND, NOT_FOUND, NO_MODULE)) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
          String name = matcher.group(1);
          if (!name.equals("line")
              && !name.matches("\\d+")
              && !name.equals("bash")
              && !name.equals("sh")) {
            return Optional.of(name);
          }
        }
      }
    }
    return gap.history().stream()
        .flatMap(o -> o.failedCommands().stream())
        .filter(c -> c.exitCode() == 127 && !LoopRun.blank(c.command()))
        .map(c -> c.command().strip().split("\\s+")[0])
        .findFirst();
  }

  static String shorten(String text, int max) {
    if (text == null) {
      return "";
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.codePointCount(0, flat.length()) <= max) {
      return flat;
    }
    int end = flat.offsetByCodePoints(0, max - 1);
    return flat.substring(0, end).stripTrailing() + "…";
  }

  static String firstNonBlank(String... texts) {
    for (String text : texts) {
      if (!LoopRun.blank(text)) {
        return text.strip();
      }
    }
    return null;
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }
}
