package dev.smileloop.learner.student;

import static dev.smileloop.learner.control.LearnerFixtures.behavior;
import static dev.smileloop.learner.control.LearnerFixtures.config;
import static dev.smileloop.learner.control.LearnerFixtures.tutorial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.Patience;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.learner.control.TutorialParser;
import dev.smileloop.learner.mentor.BuiltinMentor;
import dev.smileloop.sandbox.control.ExecutableLookup;
import dev.smileloop.sandbox.control.TestSandboxes;
import dev.smileloop.tutorial.entity.Tutorial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Student and Mentor in turns, as the loop engine runs them: notes carry the Student's location.
 */
class LearnerLoopTest {

  @TempDir Path temp;

  private record Round(StudentOutput output, MentorAnswer answer) {}

  private List<Round> loop(Tutorial tutorial) throws Exception {
    SmileConfig config = config(temp, behavior(Patience.LOW));
    BuiltinStudent student =
        new BuiltinStudent(temp.resolve("work"), TestSandboxes.bubblewrap(), Clock.systemUTC());
    BuiltinMentor mentor =
        new BuiltinMentor(ExecutableLookup.sandbox(), new TutorialParser()::parse);
    List<MentorNote> notes = new ArrayList<>();
    List<Round> rounds = new ArrayList<>();
    for (int iteration = 1; iteration <= 4; iteration++) {
      StudentOutput output =
          student.attempt(new StudentTask("loop", iteration, tutorial, config, notes, r -> {}));
      if (output.status() != StudentStatus.ASK_MENTOR) {
        rounds.add(new Round(output, null));
        break;
      }
      MentorAnswer answer =
          mentor.advise(new MentorTask("loop", iteration, tutorial, config, output, notes));
      rounds.add(new Round(output, answer));
      if (!answer.resolvable()) {
        break;
      }
      notes.add(
          new MentorNote(
              iteration,
              output.questionForMentor(),
              answer.notes(),
              Clock.systemUTC().instant(),
              output.location()));
    }
    return rounds;
  }

  @Test
  void aVagueStepIsAskedAnsweredWithChmodAndCompletedNextTime() throws Exception {
    List<Round> rounds = loop(tutorial("vague-step"));

    assertEquals(2, rounds.size());
    assertEquals("ambiguous_instruction", rounds.get(0).output().trigger());
    assertEquals(14, rounds.get(0).output().location().line());
    assertTrue(rounds.get(0).answer().notes().contains("chmod +x deploy.sh"));
    StudentOutput second = rounds.get(1).output();
    assertEquals(StudentStatus.COMPLETED, second.status(), second.toString());
    CommandRecord fix = second.commands().get(0);
    assertTrue(fix.fromMentor());
    assertEquals("chmod +x deploy.sh", fix.command());
    assertEquals(14, fix.line());
    assertEquals("deploying to staging", second.commands().get(1).outputExcerpt());
    assertEquals(List.of(), second.notices(), "it prints `deploying to staging`, as stated");
  }

  @Test
  void aPermissionProblemIsFixedByTheMentorsChmod() throws Exception {
    List<Round> rounds = loop(tutorial("permission-denied"));

    assertEquals(2, rounds.size());
    assertEquals("command_failure", rounds.get(0).output().trigger());
    assertEquals(StudentStatus.COMPLETED, rounds.get(1).output().status());
    assertTrue(rounds.get(1).output().commands().get(0).fromMentor());
  }

  @Test
  void aMissingFolderIsCreatedByTheMentorsFix() throws Exception {
    List<Round> rounds = loop(tutorial("missing-folder"));

    assertEquals(2, rounds.size());
    assertEquals(StudentStatus.COMPLETED, rounds.get(1).output().status());
    assertEquals("mkdir -p -- project/src", rounds.get(1).output().commands().get(0).command());
  }

  @Test
  void aToolThatCannotBeInstalledEndsAsABlocker() throws Exception {
    List<Round> rounds = loop(tutorial("missing-dependency"));

    assertEquals(1, rounds.size());
    assertFalse(rounds.get(0).answer().resolvable());
  }

  @ParameterizedTest
  @ValueSource(strings = {"clean", "quickstart"})
  void theProjectsExamplesPrintWhatTheySayTheyPrint(String example) throws Exception {
    Path file = Path.of("..", "examples", example, "tutorial.md").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(file), "the examples lie next to the module");
    Tutorial tutorial = new Tutorial(example, file, file.getParent(), Files.readString(file));
    assertFalse(
        new TutorialParser()
            .parse(tutorial.markdown()).steps().stream()
                .flatMap(step -> step.blocks().stream())
                .allMatch(block -> block.statedOutputs().isEmpty()),
        "the example states an output");

    List<Round> rounds = loop(tutorial);

    StudentOutput last = rounds.get(rounds.size() - 1).output();
    assertEquals(StudentStatus.COMPLETED, last.status(), last.toString());
    assertEquals(
        List.of(),
        rounds.stream()
            .flatMap(round -> round.output().notices().stream())
            .filter(notice -> notice.trigger().equals("unexpected_output"))
            .toList());
  }

  @Test
  void aCleanTutorialNeedsNoMentor() throws Exception {
    List<Round> rounds = loop(tutorial("clean"));

    assertEquals(1, rounds.size());
    assertEquals(StudentStatus.COMPLETED, rounds.get(0).output().status());
  }
}
