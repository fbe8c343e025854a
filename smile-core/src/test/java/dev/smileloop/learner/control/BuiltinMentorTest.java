package dev.smileloop.learner.control;

import static dev.smileloop.learner.control.LearnerFixtures.behavior;
import static dev.smileloop.learner.control.LearnerFixtures.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.learner.mentor.BuiltinMentor;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.sandbox.control.ShellSession;
import dev.smileloop.sandbox.control.TestSandboxes;
import dev.smileloop.sandbox.control.Workspaces;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltinMentorTest {

  @TempDir Path temp;

  /** A PATH with exactly these tools, so that stand-ins do not depend on the machine. */
  private ExecutableLookup toolsOnPath(String... tools) throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    for (String tool : tools) {
      Path file = Files.writeString(bin.resolve(tool), "#!/bin/sh\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return new ExecutableLookup(bin.toString());
  }

  private static BuiltinMentor mentor(ExecutableLookup tools) {
    return new BuiltinMentor(tools, new TutorialParser(tools)::parse);
  }

  private Tutorial tutorial(String markdown) throws IOException {
    return LearnerFixtures.inline(temp.resolve("tutorial"), markdown);
  }

  private static MentorTask question(
      Tutorial tutorial,
      String trigger,
      int line,
      String command,
      int exit,
      String output,
      List<MentorNote> notes) {
    TutorialLocation location = new TutorialLocation(line, tutorial.line(line).strip(), "Step 2");
    CommandRecord failed =
        new CommandRecord(command, line, "Step 2", exit, output, 5, exit == 124, false);
    StudentOutput student =
        new StudentOutput(
            StudentStatus.ASK_MENTOR,
            "Step 2",
            List.of(),
            "exit code " + exit + ": " + output,
            "What should I do?",
            null,
            "summary",
            List.of(),
            List.of(command),
            location,
            trigger,
            List.of(failed),
            List.of());
    return new MentorTask(
        "loop", 1, tutorial, config(Path.of("."), behavior(Patience.LOW)), student, notes);
  }

  private static List<String> fixes(MentorAnswer answer) {
    return MentorFixes.commands(answer.notes(), new CommandSplitter());
  }

  private static final String TREE_TUTORIAL =
      "# Glance\n\n## Prerequisites\n\n- A terminal\n\n## Step 1\n\n```bash\nmkdir -p demo/src\n```\n\n## Step 2\n\n```bash\ntree demo\n```\n";

  @Test
  void aMissingToolWithAStandInGetsThePrerequisiteNoteAndAWorkingFix() throws Exception {
    Tutorial tutorial = tutorial(TREE_TUTORIAL);
    BuiltinMentor mentor = mentor(toolsOnPath("find", "sort", "sed"));
    MentorTask task =
        question(
            tutorial,
            "missing_dependency",
            17,
            "tree demo",
            127,
            "bash: tree: command not found",
            List.of());

    MentorAnswer answer = mentor.advise(task);

    assertEquals("missing-command", mentor.ruleFor(task));
    assertTrue(answer.resolvable());
    assertTrue(answer.notes().contains("never lists `tree` as a prerequisite"), answer.notes());
    assertTrue(answer.notes().contains("sudo apt-get install tree"), answer.notes());
    assertTrue(answer.notes().contains("brew install tree"), answer.notes());
    assertTrue(answer.notes().contains("or use `find demo` instead"), answer.notes());
    List<String> fix = fixes(answer);
    assertEquals(1, fix.size());
    try (ShellSession shell =
        ShellSession.open(
            TestSandboxes.bubblewrap(), Workspaces.prepare(temp.resolve("ws"), "m", 1, null))) {
      shell.run("mkdir -p demo/src && touch demo/src/main.py", Duration.ofSeconds(2));
      shell.run(fix.get(0), Duration.ofSeconds(2));
      String listing = shell.run("tree demo", Duration.ofSeconds(2)).output();
      assertEquals("demo\n  src\n    main.py", listing);
    }
  }

  @Test
  void aMissingToolWithoutStandInIsABlockerThatNamesThePrerequisite() throws Exception {
    Tutorial tutorial = tutorial(TREE_TUTORIAL.replace("tree demo", "smile-fixture-tool demo"));
    BuiltinMentor mentor = mentor(toolsOnPath("find"));

    MentorAnswer answer =
        mentor.advise(
            question(
                tutorial,
                "missing_dependency",
                17,
                "smile-fixture-tool demo",
                127,
                "bash: smile-fixture-tool: command not found",
                List.of()));

    assertFalse(answer.resolvable());
    assertTrue(
        answer.notes().contains("never lists `smile-fixture-tool` as a prerequisite"),
        answer.notes());
    assertTrue(
        answer.notes().contains("cannot be installed inside the read-only, offline sandbox"),
        answer.notes());
    assertEquals(List.of(), fixes(answer));
  }

  @Test
  void aStandInIsOnlyOfferedWhenItsToolExists() throws Exception {
    BuiltinMentor mentor = mentor(toolsOnPath("sed"));

    MentorAnswer answer =
        mentor.advise(
            question(
                tutorial(TREE_TUTORIAL),
                "missing_dependency",
                17,
                "tree demo",
                127,
                "bash: tree: command not found",
                List.of()));

    assertFalse(answer.resolvable());
  }

  @Test
  void aDeclaredButUninstalledPrerequisiteIsCalledOut() throws Exception {
    Tutorial tutorial = tutorial(TREE_TUTORIAL.replace("- A terminal", "- `tree`"));

    MentorAnswer answer =
        mentor(toolsOnPath("find"))
            .advise(
                question(
                    tutorial,
                    "missing_dependency",
                    17,
                    "tree demo",
                    127,
                    "bash: tree: command not found",
                    List.of()));

    assertTrue(
        answer
            .notes()
            .contains("lists `tree` as a prerequisite and this machine lacks it: an environment"),
        answer.notes());
  }

  @Test
  void pythonBecomesPython3() throws Exception {
    Tutorial tutorial = tutorial("# P\n\n## Step 1\n\n```bash\npython app.py\n```\n");
    BuiltinMentor mentor = mentor(toolsOnPath("python3"));
    MentorTask task =
        question(
            tutorial,
            "missing_dependency",
            6,
            "python app.py",
            127,
            "bash: python: command not found",
            List.of());

    MentorAnswer answer = mentor.advise(task);

    assertEquals("python-vs-python3", mentor.ruleFor(task));
    assertTrue(answer.resolvable());
    assertTrue(answer.notes().contains("write `python3` instead of `python`"), answer.notes());
    assertEquals(List.of("python() { python3 \"$@\"; }"), fixes(answer));
  }

  @Test
  void permissionDeniedOnAScriptGetsChmod() throws Exception {
    Tutorial tutorial = LearnerFixtures.tutorial("permission-denied");
    BuiltinMentor mentor = mentor(ExecutableLookup.sandbox());
    MentorTask task =
        question(
            tutorial,
            "command_failure",
            15,
            "./hello.sh",
            126,
            "bash: ./hello.sh: Permission denied",
            List.of());

    MentorAnswer answer = mentor.advise(task);

    assertEquals("permission-denied", mentor.ruleFor(task));
    assertTrue(answer.resolvable());
    assertTrue(
        answer.notes().contains("saves `hello.sh` (line 7) but never makes it executable"),
        answer.notes());
    assertTrue(answer.notes().contains("`chmod +x ./hello.sh`"), answer.notes());
    assertEquals(List.of("chmod +x ./hello.sh"), fixes(answer));
  }

  @Test
  void aFolderNoStepCreatesGetsMkdir() throws Exception {
    Tutorial tutorial = LearnerFixtures.tutorial("missing-folder");
    MentorTask task =
        question(
            tutorial,
            "command_failure",
            6,
            "cd project/src",
            1,
            "bash: cd: project/src: No such file or directory",
            List.of());

    MentorAnswer answer = mentor(ExecutableLookup.sandbox()).advise(task);

    assertTrue(answer.resolvable());
    assertTrue(
        answer.notes().contains("needs the folder `project/src`, which no earlier step creates"),
        answer.notes());
    assertEquals(List.of("mkdir -p -- project/src"), fixes(answer));
  }

  @Test
  void aFileNoStepCreatesIsABlocker() throws Exception {
    Tutorial tutorial =
        tutorial(
            "# F\n\n## Step 1\n\n```bash\necho hi\n```\n\n## Step 2\n\n```bash\ncat config/app.env\n```\n");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(
                question(
                    tutorial,
                    "command_failure",
                    12,
                    "cat config/app.env",
                    1,
                    "cat: config/app.env: No such file or directory",
                    List.of()));

    assertFalse(answer.resolvable());
    assertTrue(
        answer.notes().contains("add the step that creates `config/app.env`"), answer.notes());
  }

  @Test
  void aFileAnEarlierStepCreatesPointsAtTheWorkingDirectory() throws Exception {
    Tutorial tutorial =
        tutorial(
            "# F\n\n## Step 1\n\n```bash\necho x > data.txt\nmkdir sub && cd sub\n```\n\n## Step 2\n\n```bash\ncat data.txt\n```\n");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(
                question(
                    tutorial,
                    "command_failure",
                    13,
                    "cat data.txt",
                    1,
                    "cat: data.txt: No such file or directory",
                    List.of()));

    assertFalse(answer.resolvable());
    assertTrue(answer.notes().contains("Line 6 (`echo x > data.txt`) creates it"), answer.notes());
    assertTrue(answer.notes().contains("different folder"), answer.notes());
  }

  @Test
  void aPortInUseGetsAdviceAndAFixThatStopsEarlierJobs() throws Exception {
    Tutorial tutorial = tutorial("# S\n\n## Step 1\n\n```bash\npython3 -m http.server 8000\n```\n");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(
                question(
                    tutorial,
                    "command_failure",
                    6,
                    "python3 -m http.server 8000",
                    1,
                    "OSError: [Errno 98] Address already in use",
                    List.of()));

    assertTrue(answer.resolvable());
    assertTrue(answer.notes().contains("port 8000 is already in use"), answer.notes());
    assertEquals(1, fixes(answer).size());
    assertTrue(fixes(answer).get(0).contains("jobs -p"));
  }

  @Test
  void aTimeoutIsABlockerThatExplainsBackgroundServers() throws Exception {
    Tutorial tutorial = LearnerFixtures.tutorial("timeout");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(
                question(tutorial, "timeout", 12, "tail -f app.log", 124, "started", List.of()));

    assertFalse(answer.resolvable());
    assertTrue(answer.notes().contains("in the background"), answer.notes());
    assertTrue(answer.notes().contains("studentBehavior.timeoutSeconds"), answer.notes());
  }

  @Test
  void aTimedOutEditorIsAnInteractiveProgramNotAServer() throws Exception {
    Tutorial tutorial = tutorial("# E\n\n## Step 1\n\n```bash\nvim app.conf\n```\n");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(question(tutorial, "timeout", 6, "vim app.conf", 124, "", List.of()));

    assertFalse(answer.resolvable());
    assertTrue(answer.notes().contains("interactive program"), answer.notes());
    assertFalse(answer.notes().contains("background"), answer.notes());
  }

  @Test
  void aPromptThatGetsNoAnswerAsksTheAuthorToSayWhatToType() throws Exception {
    Tutorial tutorial = tutorial("# P\n\n## Step 1\n\n```bash\nread -p \"Name: \" NAME\n```\n");
    BuiltinMentor mentor = mentor(ExecutableLookup.sandbox());
    MentorTask task =
        question(tutorial, "command_failure", 6, "read -p \"Name: \" NAME", 1, "", List.of());

    MentorAnswer answer = mentor.advise(task);

    assertEquals("keyboard-input", mentor.ruleFor(task));
    assertFalse(answer.resolvable());
    assertTrue(answer.notes().contains("say exactly what to enter"), answer.notes());
  }

  @Test
  void aVagueMakeItRunnableStepBecomesChmodOfTheSavedScript() throws Exception {
    Tutorial tutorial = LearnerFixtures.tutorial("vague-step");
    MentorTask task = question(tutorial, "ambiguous_instruction", 14, "", 0, "", List.of());

    MentorAnswer answer = mentor(ExecutableLookup.sandbox()).advise(task);

    assertTrue(answer.resolvable());
    assertTrue(
        answer
            .notes()
            .contains("replace the vague sentence with the exact command `chmod +x deploy.sh`"),
        answer.notes());
    assertEquals(List.of("chmod +x deploy.sh"), fixes(answer));
  }

  @Test
  void aVagueStepWithoutContextMeansReadOn() throws Exception {
    Tutorial tutorial =
        tutorial(
            "# V\n\n## Step 1\n\n```bash\necho hi\n```\n\n## Step 2\n\nConfigure the proxy as needed.\n");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(question(tutorial, "ambiguous_instruction", 11, "", 0, "", List.of()));

    assertTrue(answer.resolvable());
    assertTrue(answer.notes().contains("read on"), answer.notes());
    assertEquals(List.of(), fixes(answer));
  }

  @Test
  void aPlaceThatFailsAgainAfterItsNoteIsUnresolvable() throws Exception {
    Tutorial tutorial = LearnerFixtures.tutorial("permission-denied");
    MentorNote earlier =
        new MentorNote(
            1,
            "q",
            "```bash\nchmod +x ./hello.sh\n```",
            Instant.EPOCH,
            new TutorialLocation(15, "./hello.sh", "Step 2: Run it"));
    BuiltinMentor mentor = mentor(ExecutableLookup.sandbox());
    MentorTask task =
        question(
            tutorial,
            "command_failure",
            15,
            "./hello.sh",
            126,
            "bash: ./hello.sh: Permission denied",
            List.of(earlier));

    MentorAnswer answer = mentor.advise(task);

    assertEquals("repeated-question", mentor.ruleFor(task));
    assertFalse(answer.resolvable());
    assertTrue(
        answer.notes().contains("still fails after the note from iteration 1"), answer.notes());
  }

  @Test
  void writingOutsideTheWorkspaceIsABlocker() throws Exception {
    Tutorial tutorial = tutorial("# W\n\n## Step 1\n\n```bash\necho x > /etc/app.conf\n```\n");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(
                question(
                    tutorial,
                    "command_failure",
                    6,
                    "echo x > /etc/app.conf",
                    1,
                    "bash: /etc/app.conf: Read-only file system",
                    List.of()));

    assertFalse(answer.resolvable());
    assertTrue(answer.notes().contains("sudo"), answer.notes());
  }

  @Test
  void anUnknownFailureIsABlockerThatQuotesTheError() throws Exception {
    Tutorial tutorial = LearnerFixtures.tutorial("command-failure");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(
                question(
                    tutorial,
                    "command_failure",
                    12,
                    "grep -c \"debug=true\" settings.conf",
                    1,
                    "0",
                    List.of()));

    assertFalse(answer.resolvable());
    assertTrue(
        answer
            .notes()
            .startsWith("Line 12 (`grep -c \"debug=true\" settings.conf`) fails with '0' (exit 1)"),
        answer.notes());
  }

  @Test
  void aMissingSystemPackageBelongsUnderPrerequisites() throws Exception {
    Tutorial tutorial =
        tutorial(
            "# I\n\n## Step 1\n\n```bash\nsudo apt-get install -y jq smile-fixture-pkg\n```\n");
    BuiltinMentor mentor = mentor(toolsOnPath("jq"));
    MentorTask task =
        question(
            tutorial,
            "missing_dependency",
            6,
            "sudo apt-get install -y jq smile-fixture-pkg",
            127,
            "bash: sudo: command not found",
            List.of());

    MentorAnswer answer = mentor.advise(task);

    assertEquals("package-install", mentor.ruleFor(task));
    assertFalse(answer.resolvable());
    assertTrue(
        answer.notes().contains("list `smile-fixture-pkg` under Prerequisites"), answer.notes());
    assertFalse(
        answer.notes().contains("`jq`,"), "jq is available and not named: " + answer.notes());
  }

  @Test
  void aMissingSystemPackageWithAStandInCanBeBridged() throws Exception {
    Tutorial tutorial = tutorial("# I\n\n## Step 1\n\n```bash\nbrew install tree\n```\n");

    MentorAnswer answer =
        mentor(toolsOnPath("find"))
            .advise(
                question(
                    tutorial,
                    "missing_dependency",
                    6,
                    "brew install tree",
                    127,
                    "bash: brew: command not found",
                    List.of()));

    assertTrue(answer.resolvable());
    assertTrue(answer.notes().contains("brew install tree"), answer.notes());
    assertTrue(fixes(answer).get(0).startsWith("tree() {"), answer.notes());
  }

  @Test
  void aDownloadWithoutNetworkSaysHowToShareIt() throws Exception {
    Tutorial tutorial =
        tutorial("# F\n\n## Step 1\n\n```bash\ncurl -fsS https://example.com -o page.html\n```\n");

    MentorAnswer answer =
        mentor(ExecutableLookup.sandbox())
            .advise(
                question(
                    tutorial,
                    "command_failure",
                    6,
                    "curl -fsS https://example.com -o page.html",
                    6,
                    "curl: (6) Could not resolve host: example.com",
                    List.of()));

    assertFalse(answer.resolvable());
    assertTrue(answer.notes().contains("needs the internet"), answer.notes());
    assertTrue(answer.notes().contains("\"network\": true"), answer.notes());
  }

  @Test
  void installCommandsAreRecognisedWithTheirPackages() {
    assertEquals(
        List.of("jq", "tree"),
        PackageInstall.packages("sudo apt-get update && sudo apt-get install -y jq tree")
            .orElseThrow());
    assertEquals(List.of("node"), PackageInstall.packages("brew install node@20").orElseThrow());
    assertEquals(List.of("git"), PackageInstall.packages("sudo dnf -y install git").orElseThrow());
    assertTrue(PackageInstall.packages("pip install requests").isEmpty());
    assertTrue(PackageInstall.packages("echo apt-get install").isEmpty());
  }

  @Test
  void aContractOnlyQuestionIsAnsweredFromItsProblemText() throws Exception {
    Tutorial tutorial = tutorial(TREE_TUTORIAL);
    StudentOutput bare =
        StudentOutput.of(
            StudentStatus.ASK_MENTOR,
            "Step 2",
            "bash: tree: command not found",
            "What now?",
            null,
            null);
    BuiltinMentor mentor = mentor(toolsOnPath("find"));
    MentorTask task =
        new MentorTask(
            "loop", 1, tutorial, config(Path.of("."), behavior(Patience.LOW)), bare, List.of());

    MentorAnswer answer = mentor.advise(task);

    assertEquals("missing-command", mentor.ruleFor(task));
    assertTrue(answer.notes().contains("`tree`"), answer.notes());
  }
}
