package dev.smileloop.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.llm.entity.CliCommand;
import dev.smileloop.llm.entity.LlmRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliCommandsTest {

  @Test
  void splittingHonoursQuotesEscapesAndEmptyWords() {
    assertEquals(List.of("gemini", "-p", "", "-y"), CliCommands.split("gemini -p \"\" -y"));
    assertEquals(
        List.of("claude", "--append-system-prompt", "be brief"),
        CliCommands.split("claude --append-system-prompt 'be brief'"));
    assertEquals(
        List.of("x", "say \"hi\"", "a b"), CliCommands.split("  x   \"say \\\"hi\\\"\"\ta\\ b "));
    assertEquals(List.of("--opt=a b"), CliCommands.split("--opt=\"a b\""));
  }

  @Test
  void anUnclosedQuoteOrAnEmptyLineIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> CliCommands.split("claude 'oops"));
    assertThrows(IllegalArgumentException.class, () -> CliCommands.split("   "));
  }

  @Test
  void aRolePropertyBeatsTheProviderPropertyWhichBeatsTheDefault() throws AgentException {
    Map<String, String> properties =
        Map.of(
            "smile.llm.claude.command",
            "claude -p",
            "smile.llm.claude.mentor.command",
            "claude -p --model opus");
    CliCommands commands = new CliCommands(properties::get);

    CliCommand student = commands.command(LlmProvider.CLAUDE, LlmRole.STUDENT);
    CliCommand mentor = commands.command(LlmProvider.CLAUDE, LlmRole.MENTOR);
    CliCommand codex = commands.command(LlmProvider.CODEX, LlmRole.STUDENT);

    assertEquals(List.of("claude", "-p"), student.argv());
    assertEquals("system property smile.llm.claude.command (serves both roles)", student.source());
    assertEquals(List.of("claude", "-p", "--model", "opus"), mentor.argv());
    assertEquals(CliCommands.defaults(LlmProvider.CODEX, LlmRole.STUDENT), codex.argv());
    assertTrue(codex.builtIn());
  }

  @Test
  void aBlankPropertyCountsAsUnset() throws AgentException {
    CliCommands commands = new CliCommands(Map.of("smile.llm.gemini.command", "  ")::get);

    assertEquals(
        List.of("gemini", "-p", ""), commands.command(LlmProvider.GEMINI, LlmRole.MENTOR).argv());
  }

  @Test
  void anUnusablePropertyIsFatalAndNamesIt() {
    CliCommands commands =
        new CliCommands(Map.of("smile.llm.codex.student.command", "codex exec \"-")::get);

    AgentException e =
        assertThrows(
            AgentException.class, () -> commands.command(LlmProvider.CODEX, LlmRole.STUDENT));

    assertEquals(AgentException.Kind.FATAL, e.kind());
    assertTrue(e.getMessage().contains("smile.llm.codex.student.command"), e.getMessage());
  }

  @Test
  void secretOptionValuesAreMasked() {
    assertEquals(
        List.of(
            "tool", "--api-key", "***", "--token=***", "--model", "m", "--no-auth", "--verbose"),
        CliCommands.redacted(
            List.of(
                "tool",
                "--api-key",
                "sk-123",
                "--token=abc",
                "--model",
                "m",
                "--no-auth",
                "--verbose")));
  }

  @Test
  void onlyCommandLineToolsHaveCommands() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CliCommands.defaults(LlmProvider.BUILTIN, LlmRole.STUDENT));
  }
}
