package dev.smileloop.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.StudentBehavior;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {

  @TempDir Path temp;

  private String studentPrompt(Tutorial tutorial, StudentBehavior behavior) {
    return Prompts.student(
        new StudentTask(
            "loop",
            1,
            tutorial,
            FakeCli.config(temp, LlmProvider.CLAUDE, behavior),
            List.of(),
            c -> {}),
        temp.resolve("work"));
  }

  @Test
  void templateSyntaxAndDollarsInTheTutorialArriveUnchanged() {
    String markdown = "# Helm\n\nvalue: {{ .Values.name }} and {{tutorial}} cost $1 \\n\n";
    Tutorial tutorial = new Tutorial("helm.md", null, null, markdown);

    String prompt = studentPrompt(tutorial, FakeCli.behavior(30));

    assertTrue(
        prompt.contains("3 | value: {{ .Values.name }} and {{tutorial}} cost $1 \\n"), prompt);
    assertEquals(
        1, prompt.split("\\{\\{tutorial\\}\\}", -1).length - 1, "inserted once, never expanded");
  }

  @Test
  void switchedOffTriggersTellTheStudentNotToAsk() {
    Tutorial tutorial = new Tutorial("t.md", null, null, "# T\n");
    StudentBehavior off = new StudentBehavior(2, false, false, false, false, 30, Patience.HIGH);

    String prompt = studentPrompt(tutorial, off);

    assertTrue(prompt.contains("A missing command or package: do not ask about it."), prompt);
    assertTrue(
        prompt.contains("An instruction you cannot interpret: do not ask about it."), prompt);
    assertTrue(
        prompt.contains("A failing command: do not ask about it. Run it again up to 2 times"),
        prompt);
    assertTrue(prompt.contains("A command that does not finish: do not ask about it."), prompt);
    assertFalse(
        prompt.contains("repeated_failure: the same step"), "a failing step is a failing command");
    assertTrue(prompt.contains("Your patience is high"), prompt);
    assertTrue(prompt.contains("came without a folder of its own"), prompt);
  }

  @Test
  void linesAreNumberedFromOneWithAlignedNumbers() {
    StringBuilder markdown = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      markdown.append("line ").append(i).append('\n');
    }

    String numbered = Prompts.numbered(new Tutorial("t.md", null, null, markdown.toString()));

    assertTrue(numbered.startsWith(" 1 | line 1\n 2 | line 2\n"), numbered);
    assertTrue(numbered.endsWith("\n10 | line 10"), numbered);
  }
}
