package dev.smileloop.llm.control;

import static dev.smileloop.llm.control.FakeCli.behavior;
import static dev.smileloop.llm.control.FakeCli.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.llm.entity.LlmRole;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliMentorTest {

  private static final Tutorial TUTORIAL =
      new Tutorial("setup.md", null, null, "# Setup\n\n## Build\n\n```bash\nmake all\n```\n");

  @TempDir Path temp;

  private FakeCli cli;

  @BeforeEach
  void setUp() throws Exception {
    cli = new FakeCli(temp);
  }

  private MentorTask task(List<MentorNote> notes) {
    StudentOutput asked =
        new StudentOutput(
            StudentStatus.ASK_MENTOR,
            "Build",
            List.of("ran make all", "looked for a Makefile"),
            "make: *** No rule to make target 'all'.  Stop.",
            "Where does the Makefile come from?",
            null,
            "stopped at Build",
            List.of(),
            List.of("make all"),
            new TutorialLocation(6, "make all", "Build"),
            "command_failure",
            List.of(
                new CommandRecord(
                    "make all",
                    6,
                    "Build",
                    2,
                    "make: *** No rule to make target 'all'.",
                    12,
                    false,
                    false)),
            List.of());
    return new MentorTask(
        "loop-7", 2, TUTORIAL, config(temp, LlmProvider.CLAUDE, behavior(30)), asked, notes);
  }

  private CliMentor mentor(LlmProvider provider, LlmCallLog log) {
    return new CliMentor(cli.invoker(provider, log), cli.workRoot);
  }

  @Test
  void thePromptHoldsTheQuestionWhatWasTriedTheErrorAndEarlierNotes() throws Exception {
    cli.installReplying("claude");
    cli.reply(
        "Line 6 assumes a Makefile. Before line 6, create it:\n\n```make\nall:\n\techo ok\n```\n");
    List<MentorNote> notes =
        List.of(
            new MentorNote(1, "Which folder?", "Work in the project folder.", Instant.EPOCH, null));
    LlmCallLog log = new LlmCallLog();

    MentorAnswer answer = mentor(LlmProvider.CLAUDE, log).advise(task(notes));

    assertTrue(answer.resolvable());
    assertTrue(answer.notes().startsWith("Line 6 assumes a Makefile."), answer.notes());
    String prompt = cli.stdin("claude", 1);
    assertTrue(prompt.contains("6 | make all"), prompt);
    assertTrue(prompt.contains("Question: Where does the Makefile come from?"), prompt);
    assertTrue(prompt.contains("- looked for a Makefile"), prompt);
    assertTrue(prompt.contains("make: *** No rule to make target 'all'."), prompt);
    assertTrue(prompt.contains("Where: line 6: \"make all\", under \"Build\""), prompt);
    assertTrue(
        prompt.contains(
            "Note from iteration 1\nQuestion: Which folder?\nAnswer:\nWork in the project folder."),
        prompt);
    assertTrue(prompt.contains("You never perform the task yourself"), prompt);
    assertTrue(prompt.contains("UNRESOLVABLE:"), prompt);
    assertFalse(prompt.contains("{{"), "every placeholder is filled");
    assertEquals(
        List.of("-p", "--output-format", "text"), cli.argv("claude", 1), "no permission to act");
    LlmCall call = log.calls().get(0);
    assertEquals(LlmRole.MENTOR, call.role());
    assertEquals(2, call.iteration());
    assertEquals(LlmCall.Outcome.OK, call.outcome());
  }

  @Test
  void theMentorWorksInAScratchFolderThatIsRemovedAfterwards() throws Exception {
    cli.installReplying("codex");
    cli.reply("Create the Makefile first.");

    mentor(LlmProvider.CODEX, new LlmCallLog()).advise(task(List.of()));

    Path pwd = cli.pwd("codex", 1);
    assertTrue(pwd.startsWith(cli.workRoot.toAbsolutePath()), pwd.toString());
    assertFalse(Files.exists(pwd), "the scratch folder is gone");
    try (Stream<Path> left = Files.list(cli.workRoot)) {
      assertEquals(List.of(), left.toList());
    }
    assertEquals(List.of("exec", "--skip-git-repo-check", "-"), cli.argv("codex", 1));
  }

  @Test
  void aReplyStartingWithTheMarkerIsUnresolvable() throws Exception {
    cli.installReplying("gemini");
    cli.reply("UNRESOLVABLE: the tutorial needs a licence server that only its author has.\n");

    MentorAnswer answer = mentor(LlmProvider.GEMINI, new LlmCallLog()).advise(task(List.of()));

    assertFalse(answer.resolvable());
    assertEquals("the tutorial needs a licence server that only its author has.", answer.notes());
    assertEquals(List.of("-p", ""), cli.argv("gemini", 1));
  }

  @Test
  void theMarkerIsRecognisedThroughMarkdownEmphasis() {
    assertFalse(CliMentor.answer("**UNRESOLVABLE:** no way past").resolvable());
    assertEquals("no way past", CliMentor.answer("**UNRESOLVABLE:** no way past").notes());
    assertFalse(CliMentor.answer("  Unresolvable -- a paid account is needed").resolvable());
    assertFalse(CliMentor.answer("UNRESOLVABLE\nThe service is private.").resolvable());
  }

  @Test
  void aReplyThatOnlyMentionsTheWordIsResolvable() {
    assertTrue(
        CliMentor.answer("Unresolvable dependencies are the problem: add `apt-get install make`.")
            .resolvable());
    assertTrue(
        CliMentor.answer("Run this first. Do not answer UNRESOLVABLE: it works.").resolvable());
  }

  @Test
  void anEmptyReplyIsNotTakenAsNotes() throws Exception {
    cli.install("claude", "cat > /dev/null\necho '   '\n");

    AgentException e =
        assertThrows(
            AgentException.class,
            () -> mentor(LlmProvider.CLAUDE, new LlmCallLog()).advise(task(List.of())));

    assertEquals(AgentException.Kind.TRANSIENT, e.kind());
  }

  @Test
  void aMentorPastTheTimeoutIsAStepTimeout() throws Exception {
    cli.install("claude", "cat > /dev/null\nexec sleep 30\n");
    MentorTask task =
        new MentorTask(
            "loop-7",
            2,
            TUTORIAL,
            config(temp, LlmProvider.CLAUDE, behavior(1)),
            task(List.of()).studentOutput(),
            List.of());

    AgentException e =
        assertThrows(
            AgentException.class, () -> mentor(LlmProvider.CLAUDE, new LlmCallLog()).advise(task));

    assertEquals(AgentException.Kind.STEP_TIMEOUT, e.kind());
  }
}
