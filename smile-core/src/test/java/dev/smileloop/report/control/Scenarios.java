package dev.smileloop.report.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.config.entity.EnvironmentSettings;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.manifest.control.ToolVersions;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ToolInfo;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Representative finished loops over the test tutorials, built by hand the way the loop records
 * them: a clean run, a gap fixed in the second iteration, a blocker, a timeout, a stop, and a run
 * full of Markdown-special and non-ASCII text.
 */
final class Scenarios {

  static final Instant T0 = Instant.parse("2026-11-26T18:00:00Z");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T18:30:00Z"), ZoneOffset.UTC);
  static final Path BASE = Path.of("/projects/notes-tutorial");
  static final ToolInfo TOOL = new ToolInfo("SMILE Loop", "test", null);

  /** Versions from an empty PATH: the same on every machine ("not found here"). */
  static final ToolVersions NO_TOOLS =
      new ToolVersions(new ExecutableLookup("/nonexistent/smile-test-path"), Duration.ofSeconds(1));

  static final String STEP1 = "Step 1: Create the notes";
  static final String STEP2 = "Step 2: Inspect the folder";
  static final String STEP3 = "Step 3: Write the counter";
  static final String STEP4 = "Step 4: Run it";
  static final String COUNT_PY =
      "Create `count.py` so that it prints the number of words in each file.";
  static final String COUNTER_SOURCE =
      "cat > count.py <<'EOF'\nimport pathlib, sys\nfor f in sorted(pathlib.Path(sys.argv[1]).iterdir()):\n"
          + "    print(f\"{f}: {len(f.read_text().split())}\")\nEOF";

  /** A loop with everything a report needs. */
  record Scenario(String name, LoopState state, Tutorial tutorial, SmileConfig config) {

    Report report() {
      return builder().build(state, tutorial, config, CLOCK);
    }
  }

  private Scenarios() {}

  static ReportBuilder builder() {
    return new ReportBuilder(new SecretRedactor(Map.of()), TOOL, NO_TOOLS);
  }

  static List<Scenario> all() {
    return List.of(
        completed(),
        fixedInSecondIteration(),
        blocker(),
        timeout(),
        stopped(),
        specialCharacters(),
        offline());
  }

  static Tutorial wordCount() {
    return tutorial("word-count", "word-count.md", "docs/word-count.md");
  }

  static Tutorial specialChars() {
    return tutorial("special-chars", "special-chars.md", "docs/special chars.md");
  }

  static Tutorial tutorial(String name, String resource, String relativePath) {
    try (InputStream in =
        Scenarios.class.getResourceAsStream("/dev/smileloop/report/tutorials/" + resource)) {
      String markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Path path = BASE.resolve(relativePath);
      return new Tutorial(name, path, path.getParent(), markdown);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SmileConfig config() {
    return SmileConfig.defaults(BASE);
  }

  /** The defaults with another baseline of tools every reader is assumed to have. */
  static SmileConfig config(List<String> baseline) {
    return SmileConfig.defaults(BASE).withEnvironment(new EnvironmentSettings(baseline));
  }

  static final String INSTALL_STEP = "Step 1: Install the client";
  static final String PIP_OFFLINE =
      "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after"
          + " connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection"
          + " object at 0x7f2>: Failed to establish a new connection: [Errno -3] Temporary failure in"
          + " name resolution')': /simple/requests/\n"
          + "ERROR: Could not find a version that satisfies the requirement requests (from versions:"
          + " none)\nERROR: No matching distribution found for requests";
  static final String OFFLINE_ANSWER =
      "Line 12 (`python3 -m pip install requests`) failed because of this machine, not because of"
          + " the tutorial (network).";

  /** The sandbox is offline, so the tutorial's install step cannot run: this machine's doing. */
  static Scenario offline() {
    TutorialLocation at = new TutorialLocation(12, "", null);
    StudentOutput stuck =
        output(
            StudentStatus.ASK_MENTOR,
            INSTALL_STEP,
            "exit code 1: ERROR: No matching distribution found for requests",
            "Why does the install fail?",
            null,
            null,
            at,
            "command_failure",
            List.of(
                failed("python3 -m pip install requests", 12, INSTALL_STEP, 1, PIP_OFFLINE, 2100)),
            List.of(),
            List.of());
    MentorNote note = new MentorNote(1, stuck.questionForMentor(), OFFLINE_ANSWER, at(9), at);
    return new Scenario(
        "offline",
        new LoopState(
            "loop-offline",
            LoopStatus.BLOCKER,
            1,
            10,
            "docs/offline-install.md",
            List.of(note),
            List.of(new IterationRecord(1, stuck, OFFLINE_ANSWER, at(1), at(10))),
            T0,
            at(11),
            "The Mentor found the blocker unresolvable.",
            null),
        tutorial("offline-install", "offline-install.md", "docs/offline-install.md"),
        config());
  }

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  static CommandRecord ok(String command, int line, String step, String output, long millis) {
    return new CommandRecord(command, line, step, 0, output, millis, false, false);
  }

  static CommandRecord failed(
      String command, int line, String step, int exit, String output, long millis) {
    return new CommandRecord(command, line, step, exit, output, millis, false, false);
  }

  static CommandRecord mentorFix(String command, String step, String output, long millis) {
    return new CommandRecord(command, 0, step, 0, output, millis, false, true);
  }

  static List<CommandRecord> step1() {
    return List.of(
        ok("mkdir -p notes", 13, STEP1, "", 5),
        ok("printf 'alpha beta\\ngamma\\n' > notes/a.txt", 14, STEP1, "", 3));
  }

  static StudentOutput output(
      StudentStatus status,
      String currentStep,
      String problem,
      String question,
      String reason,
      String summary,
      TutorialLocation location,
      String trigger,
      List<CommandRecord> commands,
      List<Notice> notices,
      List<String> files) {
    return new StudentOutput(
        status,
        currentStep,
        List.of(),
        problem,
        question,
        reason,
        summary,
        files,
        commands.stream().map(CommandRecord::command).toList(),
        location,
        trigger,
        commands,
        notices);
  }

  static StudentOutput withAttempts(StudentOutput out, List<String> attempted) {
    return new StudentOutput(
        out.status(),
        out.currentStep(),
        attempted,
        out.problem(),
        out.questionForMentor(),
        out.reason(),
        out.summary(),
        out.filesCreated(),
        out.commandsRun(),
        out.location(),
        out.trigger(),
        out.commands(),
        out.notices());
  }

  static LoopState state(
      String id,
      LoopStatus status,
      int iteration,
      List<MentorNote> notes,
      List<IterationRecord> history,
      int endSeconds,
      String reason) {
    return new LoopState(
        id,
        status,
        iteration,
        10,
        "docs/word-count.md",
        notes,
        history,
        T0,
        at(endSeconds),
        reason,
        null);
  }

  /** A careful learner follows every step: no gaps. */
  static Scenario completed() {
    List<CommandRecord> commands =
        concat(
            step1(),
            List.of(
                ok("tree notes", 20, STEP2, "notes\n└── a.txt\n\n0 directories, 1 file", 12),
                ok(COUNTER_SOURCE, 0, STEP3, "", 4),
                ok("python3 count.py notes", 30, STEP4, "notes/a.txt: 3", 40)));
    StudentOutput out =
        output(
            StudentStatus.COMPLETED,
            STEP4,
            null,
            null,
            null,
            "Followed all four steps; the counter prints notes/a.txt: 3.",
            null,
            null,
            commands,
            List.of(),
            List.of("notes/a.txt", "count.py"));
    IterationRecord it1 = new IterationRecord(1, out, null, at(1), at(9));
    return new Scenario(
        "completed",
        state("loop-completed", LoopStatus.COMPLETED, 1, List.of(), List.of(it1), 10, null),
        wordCount(),
        // This reader's team takes tree for granted, so the clean run stays clean.
        config(List.of("posix", "tree")));
  }

  static final String TREE_ANSWER =
      "tree is not installed and the prerequisites do not mention it. Use `find notes` to list the folder"
          + " instead, or install it with `apt-get install tree`.";

  /** `tree` is missing; the Mentor suggests `find`, and the second iteration completes. */
  static Scenario fixedInSecondIteration() {
    TutorialLocation treeLine = new TutorialLocation(20, "tree notes", STEP2);
    StudentOutput first =
        withAttempts(
            output(
                StudentStatus.ASK_MENTOR,
                STEP2,
                "tree: command not found (exit 127)",
                "The tutorial runs `tree notes` but tree is not installed. How do I see the folder?",
                null,
                "Created the notes; stuck at step 2.",
                treeLine,
                "missing_dependency",
                concat(
                    step1(),
                    List.of(
                        failed(
                            "tree notes",
                            20,
                            STEP2,
                            127,
                            "bash: line 1: tree: command not found",
                            4))),
                List.of(),
                List.of("notes/a.txt")),
            List.of("Ran tree notes", "Looked for tree with command -v tree"));
    MentorNote note = new MentorNote(1, first.questionForMentor(), TREE_ANSWER, at(18), treeLine);
    Notice vague =
        new Notice(
            "ambiguous_instruction",
            new TutorialLocation(25, COUNT_PY, STEP3),
            "The step names the file but gives no code, so I wrote the counter myself.",
            "Wrote count.py with str.split() and a loop over the folder");
    StudentOutput second =
        output(
            StudentStatus.COMPLETED,
            STEP4,
            null,
            null,
            null,
            "All steps done with find instead of tree.",
            null,
            null,
            concat(
                step1(),
                List.of(
                    mentorFix("find notes", STEP2, "notes\nnotes/a.txt", 3),
                    ok(COUNTER_SOURCE, 0, STEP3, "", 4),
                    ok("python3 count.py notes", 30, STEP4, "notes/a.txt: 3", 38))),
            List.of(vague),
            List.of("notes/a.txt", "count.py"));
    List<IterationRecord> history =
        List.of(
            new IterationRecord(1, first, TREE_ANSWER, at(1), at(20)),
            new IterationRecord(2, second, null, at(21), at(40)));
    return new Scenario(
        "fixed-in-second-iteration",
        state("loop-fixed", LoopStatus.COMPLETED, 2, List.of(note), history, 41, null),
        wordCount(),
        config());
  }

  static final String COUNTER_ANSWER =
      "Write a Python script that reads each file in the folder given as its first argument and prints"
          + " `path: words` for each.";

  /** Step 3 never says what count.py is; the Mentor's notes do not settle it: a blocker. */
  static Scenario blocker() {
    // The learner gives only the line; quote and heading come from the tutorial.
    TutorialLocation vague = new TutorialLocation(25, "", null);
    List<CommandRecord> upToStep2 =
        concat(step1(), List.of(ok("tree notes", 20, STEP2, "notes\n└── a.txt", 10)));
    StudentOutput first =
        output(
            StudentStatus.ASK_MENTOR,
            STEP3,
            "Step 3 says to create count.py but gives neither its code nor its output format.",
            "What should count.py contain?",
            null,
            null,
            vague,
            "ambiguous_instruction",
            upToStep2,
            List.of(),
            List.of("notes/a.txt"));
    MentorNote note = new MentorNote(1, first.questionForMentor(), COUNTER_ANSWER, at(28), vague);
    StudentOutput second =
        output(
            StudentStatus.CANNOT_COMPLETE,
            STEP3,
            null,
            null,
            "Even with the Mentor's notes the expected output of count.py is not defined, so step 4 cannot be"
                + " checked.",
            null,
            vague,
            "ambiguous_instruction",
            concat(upToStep2, List.of(mentorFix(COUNTER_SOURCE, STEP3, "", 5))),
            List.of(),
            List.of("notes/a.txt", "count.py"));
    List<IterationRecord> history =
        List.of(
            new IterationRecord(1, first, COUNTER_ANSWER, at(1), at(30)),
            new IterationRecord(2, second, null, at(31), at(60)));
    return new Scenario(
        "blocker",
        state(
            "loop-blocker",
            LoopStatus.BLOCKER,
            2,
            List.of(note),
            history,
            61,
            "The Mentor found the blocker unresolvable."),
        wordCount(),
        config());
  }

  static final String TIMEOUT_ANSWER =
      "count.py probably waits for input on stdin; pass the folder as an argument and do not call input().";

  /** Step 4 hangs past the step limit; the loop's own timeout ends the second iteration. */
  static Scenario timeout() {
    CommandRecord hang =
        new CommandRecord("python3 count.py notes", 30, STEP4, 124, "", 60_000, true, false);
    // No location from the learner: the report finds the line from the failing command.
    StudentOutput first =
        output(
            StudentStatus.ASK_MENTOR,
            STEP4,
            "python3 count.py notes did not finish within 60 s.",
            "Why does count.py hang?",
            null,
            null,
            null,
            "timeout",
            concat(
                step1(),
                List.of(
                    ok("tree notes", 20, STEP2, "notes\n└── a.txt", 9),
                    ok(COUNTER_SOURCE, 0, STEP3, "", 4),
                    hang)),
            List.of(),
            List.of("notes/a.txt", "count.py"));
    MentorNote note = new MentorNote(1, first.questionForMentor(), TIMEOUT_ANSWER, at(88), null);
    List<IterationRecord> history =
        List.of(
            new IterationRecord(1, first, TIMEOUT_ANSWER, at(1), at(90)),
            new IterationRecord(2, null, null, at(91), null));
    return new Scenario(
        "timeout",
        state(
            "loop-timeout",
            LoopStatus.TIMEOUT,
            2,
            List.of(note),
            history,
            120,
            "The loop exceeded its 120 s timeout."),
        wordCount(),
        config());
  }

  /** Stopped by the author while the Mentor was thinking about the missing `tree`. */
  static Scenario stopped() {
    TutorialLocation treeLine = new TutorialLocation(20, "tree notes", STEP2);
    StudentOutput first =
        output(
            StudentStatus.ASK_MENTOR,
            STEP2,
            "tree is not installed.",
            "How do I list the folder without tree?",
            null,
            null,
            treeLine,
            "missing_dependency",
            concat(
                step1(),
                List.of(failed("tree notes", 20, STEP2, 127, "sh: 1: tree: not found", 2))),
            List.of(),
            List.of("notes/a.txt"));
    List<IterationRecord> history = List.of(new IterationRecord(1, first, null, at(1), at(15)));
    return new Scenario(
        "stopped",
        state(
            "loop-stopped",
            LoopStatus.STOPPED,
            1,
            List.of(),
            history,
            16,
            "Stopped by request: the author is fixing the prerequisites"),
        wordCount(),
        config());
  }

  static final String SPECIAL_QUOTE =
      "Run <script>alert(\"x\")</script> then *this* _thing_ [link](http://example.com) $HOME$PATH 😀 | done";
  static final String SPECIAL_STEP1 = "Step 1: Pipes | and `ticks`";
  static final String SPECIAL_STEP2 = "Step 2: 日本語のステップ";
  static final String SPECIAL_COMMAND = "echo \"a|b\" | tr '|' ',' && echo ````four```` done";
  static final String SPECIAL_ANSWER =
      "# Not a heading\n- not a list\n1. not numbered\n| a | b |\n```\nfenced?\n```\n<img src=x onerror=alert(1)>"
          + "\nTrailing backslash \\";

  /** Pipes, backticks, HTML, emoji and CJK everywhere a report quotes text. */
  static Scenario specialCharacters() {
    TutorialLocation htmlLine = new TutorialLocation(11, SPECIAL_QUOTE, SPECIAL_STEP2);
    Notice pipes =
        new Notice(
            "command_failure",
            new TutorialLocation(6, SPECIAL_COMMAND, SPECIAL_STEP1),
            "The `|` inside quotes confused me: <b>bold</b> | pipes",
            "Ran it in two parts: `echo a|b` then tr");
    CommandRecord pipeline = ok(SPECIAL_COMMAND, 6, SPECIAL_STEP1, "a,b\n````four```` done", 2);
    CommandRecord script =
        failed(
            "<script>alert(\"x\")</script>",
            11,
            SPECIAL_STEP2,
            2,
            "bash: syntax error near unexpected token `<'\n```` and | pipes \u001b[31mred\u001b[0m",
            1);
    StudentOutput first =
        output(
            StudentStatus.ASK_MENTOR,
            SPECIAL_STEP2,
            "Is <script> a shell command? | 日本語 😀",
            "What do I run here?",
            null,
            null,
            htmlLine,
            "ambiguous_instruction",
            List.of(pipeline, script),
            List.of(pipes),
            List.of());
    MentorNote note = new MentorNote(1, first.questionForMentor(), SPECIAL_ANSWER, at(4), htmlLine);
    StudentOutput second =
        output(
            StudentStatus.CANNOT_COMPLETE,
            SPECIAL_STEP2,
            null,
            null,
            "I can't run <script>alert(\"x\")</script> in a shell | it's HTML 😀\nSecond line with `backticks` and"
                + " ```` fences",
            null,
            htmlLine,
            "something_new",
            List.of(pipeline, script),
            List.of(pipes),
            List.of());
    List<IterationRecord> history =
        List.of(
            new IterationRecord(1, first, SPECIAL_ANSWER, at(1), at(5)),
            new IterationRecord(2, second, null, at(6), at(9)));
    LoopState state =
        new LoopState(
            "loop-special",
            LoopStatus.BLOCKER,
            2,
            10,
            "docs/special chars.md",
            List.of(note),
            history,
            T0,
            at(10),
            "日本語 reason with | pipe",
            null);
    return new Scenario("special-characters", state, specialChars(), config());
  }

  static List<CommandRecord> concat(List<CommandRecord> first, List<CommandRecord> second) {
    List<CommandRecord> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }
}
