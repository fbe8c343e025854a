package dev.smileloop.api.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.StudentStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandReaderTest {

  private static final CommandReader READER = new CommandReader();

  private static <T extends Command> T read(Class<T> type, String body) {
    return READER.read(type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String refusal(Class<? extends Command> type, String body) {
    return assertThrows(InvalidCommandException.class, () -> read(type, body)).getMessage();
  }

  @Test
  void aNumberWhereAStringBelongsIsRefusedNotCoerced() {
    assertEquals(
        "tutorialContent must be a string, got a number",
        refusal(StartLoopCommand.class, "{\"tutorialContent\": 5}"));
  }

  @Test
  void aStringWhereABooleanBelongsIsRefusedNotReadAsFalse() {
    assertEquals(
        "resume must be true or false, got a string",
        refusal(StartLoopCommand.class, "{\"resume\": \"yes\"}"));
  }

  @Test
  void everyWrongFieldIsNamed() {
    String message =
        refusal(StartLoopCommand.class, "{\"tutorialPath\": [], \"config\": \"fast\"}");
    assertTrue(message.contains("tutorialPath must be a string, got an array"), message);
    assertTrue(message.contains("config must be a JSON object, got a string"), message);
  }

  @Test
  void malformedJsonSaysWhere() {
    String message = refusal(StartLoopCommand.class, "{\n  \"tutorialContent\": ");
    assertTrue(message.startsWith("the request body is not valid JSON at line 2"), message);
    assertFalse(message.contains("Source"), message);
  }

  @Test
  void trailingTextAfterTheObjectIsNotJson() {
    assertTrue(
        refusal(StopCommand.class, "{} {}").startsWith("the request body is not valid JSON"));
  }

  @Test
  void aBodyMustBeAnObject() {
    assertEquals(
        "the request body must be a JSON object, got an array",
        refusal(StartLoopCommand.class, "[1]"));
    assertEquals(
        "the request body is empty; a JSON object is expected",
        refusal(MentorResultCommand.class, " "));
  }

  @Test
  void aStartBindsEveryFieldAndNullMeansAbsent() {
    StartLoopCommand command =
        read(
            StartLoopCommand.class,
            "{\"tutorialContent\": \"# T\", \"tutorialPath\": null, \"configPath\": \"smile.json\","
                + " \"config\": {\"maxIterations\": 2}, \"resume\": null, \"unknown\": 1}");
    var request = command.toRequest();
    assertEquals("# T", request.tutorialContent());
    assertNull(request.tutorialPath());
    assertEquals("smile.json", request.configPath());
    assertEquals(2, request.config().getInt("maxIterations"));
    assertFalse(request.resume());
    assertTrue(read(StartLoopCommand.class, "{\"resume\": true}").toRequest().resume());
  }

  @Test
  void theTutorialsSizeIsLeftToTheTutorialLoaderWhichCountsBytes() {
    String content = "x".repeat(150_000);
    assertEquals(
        content,
        read(StartLoopCommand.class, "{\"tutorialContent\": \"" + content + "\"}")
            .tutorialContent());
  }

  @Test
  void aStartNamesItsTutorialOneWayOnly() {
    assertEquals(
        "give either tutorialContent or tutorialPath, not both",
        refusal(
            StartLoopCommand.class, "{\"tutorialContent\": \"# T\", \"tutorialPath\": \"t.md\"}"));
  }

  @Test
  void theStudentOutputIsReadInSnakeCaseAndCamelCase() {
    var snake =
        read(
                StudentResultCommand.class,
                "{\"studentOutput\": {\"status\": \"ask_mentor\", \"question_for_mentor\": \"q1\"},"
                    + " \"timestamp\": \"2026-11-26T12:00:00Z\"}")
            .output();
    var camel =
        read(
                StudentResultCommand.class,
                "{\"studentOutput\": {\"status\": \"ask_mentor\", \"questionForMentor\": \"q2\"}}")
            .output();
    assertEquals(StudentStatus.ASK_MENTOR, snake.status());
    assertEquals("q1", snake.questionForMentor());
    assertEquals("q2", camel.questionForMentor());
  }

  @Test
  void aStudentResultNeedsItsOutputObject() {
    assertEquals(
        "studentOutput is required", refusal(StudentResultCommand.class, "{\"timestamp\": null}"));
    assertEquals(
        "studentOutput must be a JSON object, got a string",
        refusal(StudentResultCommand.class, "{\"studentOutput\": \"done\"}"));
  }

  @Test
  void aTimestampMustBeAnInstant() {
    assertEquals(
        "timestamp must be an ISO-8601 UTC timestamp such as 2026-01-31T12:00:00Z",
        refusal(
            MentorResultCommand.class, "{\"mentorOutput\": \"n\", \"timestamp\": \"yesterday\"}"));
  }

  @Test
  void aMentorResultNeedsNotesAsText() {
    assertEquals(
        "mentorOutput must be a string, got a number",
        refusal(MentorResultCommand.class, "{\"mentorOutput\": 3}"));
    assertEquals(
        "mentorOutput is required: the Mentor's notes as a non-empty string",
        refusal(MentorResultCommand.class, "{\"mentorOutput\": \"  \"}"));
    assertEquals(
        "unresolvable must be true or false, got a number",
        refusal(MentorResultCommand.class, "{\"mentorOutput\": \"n\", \"unresolvable\": 1}"));
    var result =
        read(
            MentorResultCommand.class,
            "{\"mentorOutput\": \"run step 1\", \"unresolvable\": true}");
    assertEquals("run step 1", result.mentorOutput());
    assertTrue(result.isUnresolvable());
  }

  @Test
  void aStopMayHaveNoBodyOrNoReason() {
    assertEquals("stop requested", read(StopCommand.class, "").reasonOrDefault());
    assertEquals("stop requested", read(StopCommand.class, "{}").reasonOrDefault());
    assertEquals("enough", read(StopCommand.class, "{\"reason\": \"enough\"}").reasonOrDefault());
    assertEquals(
        "reason must be a string, got a boolean",
        refusal(StopCommand.class, "{\"reason\": false}"));
  }
}
