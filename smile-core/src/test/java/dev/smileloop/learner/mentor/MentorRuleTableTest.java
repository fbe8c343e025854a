package dev.smileloop.learner.mentor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.tutorial.control.TutorialReader;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of {@code mentor-rules.tsv} against the real error output of its tool. */
class MentorRuleTableTest {

  record Case(String rule, String command, String output, String quoted) {
    @Override
    public String toString() {
      return rule + ": " + command;
    }
  }

  static List<Case> cases() throws IOException {
    try (InputStream in =
        MentorRuleTableTest.class.getResourceAsStream("/learner/mentor/rule-cases.tsv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t", -1))
          .map(c -> new Case(c[0], c[1], c[2].replace("\\n", "\n"), c[3]))
          .toList();
    }
  }

  static MentorContext context(String command, String output) {
    Tutorial tutorial =
        new Tutorial("t", null, null, "# T\n\n## Step\n\n```bash\n" + command + "\n```\n");
    CommandRecord failed = new CommandRecord(command, 6, "Step", 1, output, 3, false, false);
    StudentOutput student =
        new StudentOutput(
            StudentStatus.ASK_MENTOR,
            "Step",
            List.of(),
            "exit code 1",
            "What now?",
            null,
            null,
            List.of(),
            List.of(command),
            new TutorialLocation(6, command, "Step"),
            "command_failure",
            List.of(failed),
            List.of());
    MentorTask task =
        new MentorTask("loop", 1, tutorial, SmileConfig.defaults(Path.of(".")), student, List.of());
    return MentorContext.of(
        task,
        new TutorialStructure("T", List.of(), TutorialReader.read("")),
        ExecutableLookup.sandbox());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachKnownFailureIsAnsweredByItsRuleQuotingTheLineThatNamesIt(Case c) {
    MentorContext context = context(c.command(), c.output());

    TableRule rule =
        RuleTable.load().stream().filter(r -> r.matches(context)).findFirst().orElseThrow();
    MentorAnswer answer = rule.answer(context);

    assertEquals(c.rule(), rule.id());
    assertTrue(answer.notes().contains("'" + c.quoted() + "' (exit 1)"), answer.notes());
    assertTrue(answer.notes().contains("\nFix for the tutorial: "), answer.notes());
    assertFalse(answer.notes().contains("{"), "a placeholder left unfilled: " + answer.notes());
  }

  @Test
  void everyRuleOfTheTableHasARealOutputCase() throws IOException {
    Set<String> tested = cases().stream().map(Case::rule).collect(Collectors.toSet());
    List<String> untested =
        RuleTable.load().stream().map(TableRule::id).filter(id -> !tested.contains(id)).toList();
    assertEquals(List.of(), untested);
  }

  @Test
  void theTableCoversEveryToolTheMentorPromises() {
    Set<String> tools = RuleTable.load().stream().map(TableRule::tool).collect(Collectors.toSet());
    Stream.of(
            "shell", "git", "make", "python", "pip", "npm", "node", "docker", "gcc", "java",
            "maven", "curl")
        .forEach(tool -> assertTrue(tools.contains(tool), tool));
  }

  @Test
  void aRuleWithASandboxFixLetsTheLearnerGoOnAndOneWithoutIsABlocker() {
    MentorContext identity =
        context(
            "git commit -m x",
            "*** Please tell me who you are.\nfatal: unable to auto-detect email address");
    MentorContext noMakefile =
        context("make", "make: *** No targets specified and no makefile found.  Stop.");

    MentorAnswer fixable = rule("git-identity").answer(identity);
    MentorAnswer blocker = rule("make-no-targets").answer(noMakefile);

    assertTrue(fixable.resolvable());
    assertTrue(fixable.notes().contains("```bash\ngit config --global user.name"), fixable.notes());
    assertFalse(blocker.resolvable());
  }

  @Test
  void aMalformedTableLineIsRejectedWithItsLineNumber() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> RuleTable.parse("# comment\nonly\tthree\tcolumns\n"));
    assertTrue(error.getMessage().contains("line 2"), error.getMessage());
  }

  private static TableRule rule(String id) {
    return RuleTable.load().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
  }
}
