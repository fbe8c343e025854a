package dev.smileloop.learner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.learner.entity.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSplitterTest {

  private final CommandSplitter splitter = new CommandSplitter();

  private List<Command> split(String... lines) {
    return splitter.shell(List.of(lines), 10);
  }

  @Test
  void eachLineIsAStatementWithItsOwnLine() {
    assertEquals(
        List.of(new Command("mkdir a", 10, 10), new Command("cd a", 12, 12)),
        split("mkdir a", "# a comment", "cd a"));
  }

  @Test
  void backslashContinuationsStayTogether() {
    assertEquals(
        List.of(new Command("docker run \\\n  --rm \\\n  hello", 10, 12)),
        split("docker run \\", "  --rm \\", "  hello"));
  }

  @Test
  void openQuotesStayTogether() {
    assertEquals(
        List.of(new Command("echo 'a\nb'", 10, 11), new Command("ls", 12, 12)),
        split("echo 'a", "b'", "ls"));
  }

  @Test
  void heredocsRunToTheirTerminator() {
    List<Command> commands =
        split("cat > f <<'EOF'", "if this looks like code", "fi", "EOF", "echo after");

    assertEquals(
        new Command("cat > f <<'EOF'\nif this looks like code\nfi\nEOF", 10, 13), commands.get(0));
    assertEquals(new Command("echo after", 14, 14), commands.get(1));
  }

  @Test
  void tabStrippedHeredocsEndAtAnIndentedTerminator() {
    List<Command> commands = split("cat <<-END", "\tbody", "\tEND", "echo next");

    assertEquals(2, commands.size());
    assertEquals(12, commands.get(0).endLine());
  }

  @Test
  void compoundCommandsAndFunctionsStayTogether() {
    List<Command> commands =
        split(
            "for f in a b; do",
            "  echo $f",
            "done",
            "if true; then",
            "  echo yes",
            "fi",
            "greet() {",
            "  echo hi",
            "}");

    assertEquals(List.of(10, 13, 16), commands.stream().map(Command::line).toList());
    assertEquals(List.of(12, 15, 18), commands.stream().map(Command::endLine).toList());
  }

  @Test
  void pipesAndAndListsAtTheEndOfALineContinue() {
    assertEquals(1, split("cat file |", "  sort &&", "  echo ok").size());
  }

  @Test
  void simpleLinesNeedNoParser() {
    assertTrue(CommandSplitter.simpleAndComplete("echo \"$HOME\" $(date) > out.txt # note"));
    assertTrue(CommandSplitter.simpleAndComplete("x=$(( 1 + 2 )); echo ${x}"));
    assertFalse(CommandSplitter.simpleAndComplete("if true; then"));
    assertFalse(CommandSplitter.simpleAndComplete("echo \"open"));
    assertFalse(CommandSplitter.simpleAndComplete("f() {"));
  }

  @Test
  void bashDecidesTheHardCases() {
    assertTrue(splitter.complete("case $x in a) echo a ;; esac"));
    assertFalse(splitter.complete("case $x in"));
    assertTrue(splitter.complete("fi"), "a syntax error is complete: bash reports it when it runs");
  }

  @Test
  void consoleSessionsTakePromptedLines() {
    assertEquals(
        List.of(new Command("ls", 1, 1), new Command("echo a \\\nb", 3, 4)),
        splitter.console(List.of("$ ls", "file.txt", "user@host:~/x$ echo a \\", "> b"), 1));
  }
}
