package dev.smileloop.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.problem.SmileException;
import dev.smileloop.tutorial.entity.TutorialLocation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentOutputJsonTest {

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static String invalid(String text) {
    SmileException e =
        assertThrows(SmileException.class, () -> StudentOutputJson.fromJson(json(text)));
    assertEquals(SmileException.Kind.INVALID_INPUT, e.kind());
    return e.getMessage();
  }

  private static final StudentOutput FULL =
      new StudentOutput(
          StudentStatus.ASK_MENTOR,
          "Step 2: install",
          List.of("ran apt-get install tree", "searched the tutorial"),
          "tree: command not found",
          "Where does tree come from?",
          null,
          "Created the project folder",
          List.of("notes/todo.txt"),
          List.of("mkdir notes", "tree notes"),
          new TutorialLocation(14, "tree notes", "## Step 2"),
          "missing_dependency",
          List.of(
              new CommandRecord("mkdir notes", 12, "Step 1", 0, "", 5, false, false),
              new CommandRecord(
                  "tree notes", 14, "Step 2", 127, "tree: not found", 7, false, true)),
          List.of(
              new Notice(
                  "ambiguous_instruction",
                  new TutorialLocation(9, "make it runnable", "## Step 1"),
                  "unclear",
                  "guessed chmod +x")));

  @Test
  void readsSnakeCaseAsExternalWrappersSendIt() {
    StudentOutput output =
        StudentOutputJson.fromJson(
            json(
"""
{"status": "ask_mentor", "current_step": "Step 2: install",
 "attempted_actions": ["ran apt-get install tree", "searched the tutorial"],
 "problem": "tree: command not found",
 "question_for_mentor": "Where does tree come from?",
 "summary": "Created the project folder",
 "files_created": ["notes/todo.txt"], "commands_run": ["mkdir notes", "tree notes"],
 "location": {"line": 14, "quote": "tree notes", "heading": "## Step 2"},
 "trigger": "missing_dependency",
 "commands": [
   {"command": "mkdir notes", "line": 12, "step": "Step 1", "exit_code": 0,
    "output_excerpt": "", "duration_millis": 5, "timed_out": false,
    "from_mentor": false},
   {"command": "tree notes", "line": 14, "step": "Step 2", "exit_code": 127,
    "output_excerpt": "tree: not found", "duration_millis": 7,
    "timed_out": false, "from_mentor": true}],
 "notices": [{"trigger": "ambiguous_instruction",
   "location": {"line": 9, "quote": "make it runnable", "heading": "## Step 1"},
   "problem": "unclear", "workaround": "guessed chmod +x"}]}
"""));

    assertEquals(FULL, output);
  }

  @Test
  void readsCamelCaseAndRoundTripsThroughToJson() {
    JsonObject json = StudentOutputJson.toJson(FULL);

    assertEquals("ask_mentor", json.getString("status"));
    assertTrue(json.containsKey("questionForMentor"));
    assertTrue(json.getJsonArray("commands").getJsonObject(1).containsKey("exitCode"));
    assertFalse(json.containsKey("reason"), "nulls are left out");
    assertEquals(FULL, StudentOutputJson.fromJson(json));
  }

  @Test
  void minimalOutputNeedsOnlyAStatus() {
    StudentOutput output = StudentOutputJson.fromJson(json("{\"status\": \"COMPLETED\"}"));

    assertEquals(StudentStatus.COMPLETED, output.status());
    assertEquals(List.of(), output.attemptedActions());
    assertNull(output.location());
  }

  @Test
  void nullFieldsAreAbsent() {
    StudentOutput output =
        StudentOutputJson.fromJson(
            json("{\"status\": \"completed\", \"summary\": null, \"files_created\": null}"));

    assertNull(output.summary());
    assertEquals(List.of(), output.filesCreated());
  }

  @Test
  void statusIsRequired() {
    assertEquals(
        "Invalid Student output: status is required: one of completed, ask_mentor, cannot_complete",
        invalid("{\"summary\": \"done\"}"));
  }

  @Test
  void unknownStatusIsNamed() {
    assertEquals(
        "Invalid Student output: status must be one of completed, ask_mentor, cannot_complete,"
            + " got \"finished\"",
        invalid("{\"status\": \"finished\"}"));
  }

  @Test
  void askMentorNeedsAQuestion() {
    assertTrue(invalid("{\"status\": \"ask_mentor\"}").contains("questionForMentor"));
    assertTrue(
        invalid("{\"status\": \"ask_mentor\", \"question_for_mentor\": \"  \"}")
            .contains("must not be blank when status is ask_mentor"));
  }

  @Test
  void cannotCompleteNeedsAReason() {
    assertTrue(
        invalid("{\"status\": \"cannot_complete\", \"problem\": \"x\"}")
            .contains("reason is required"));
  }

  @Test
  void wrongTypesNameTheField() {
    assertEquals(
        "Invalid Student output: attemptedActions must be an array of strings, got \"ran ls\"",
        invalid("{\"status\": \"completed\", \"attemptedActions\": \"ran ls\"}"));
    assertEquals(
        "Invalid Student output: attempted_actions[1] must be a string, got 42",
        invalid("{\"status\": \"completed\", \"attempted_actions\": [\"ls\", 42]}"));
    assertEquals(
        "Invalid Student output: summary must be a string, got an object",
        invalid("{\"status\": \"completed\", \"summary\": {}}"));
    assertEquals(
        "Invalid Student output: status must be one of completed, ask_mentor, cannot_complete,"
            + " got 1",
        invalid("{\"status\": 1}"));
  }

  @Test
  void nestedErrorsCarryTheirPath() {
    assertEquals(
        "Invalid Student output: commands[0].exit_code must be an integer, got \"1\"",
        invalid(
            "{\"status\": \"completed\", \"commands\": [{\"command\": \"ls\", \"exit_code\":"
                + " \"1\"}]}"));
    assertEquals(
        "Invalid Student output: commands[0].command is required",
        invalid("{\"status\": \"completed\", \"commands\": [{\"line\": 3}]}"));
    assertEquals(
        "Invalid Student output: location.line must be a non-negative integer, got -1",
        invalid("{\"status\": \"completed\", \"location\": {\"line\": -1}}"));
    assertEquals(
        "Invalid Student output: notices[0] must be an object, got \"x\"",
        invalid("{\"status\": \"completed\", \"notices\": [\"x\"]}"));
  }

  @Test
  void prefixNamesTheEnclosingField() {
    SmileException e =
        assertThrows(
            SmileException.class,
            () -> StudentOutputJson.fromJson(json("{\"status\": \"maybe\"}"), "studentOutput"));

    assertTrue(e.getMessage().contains("studentOutput.status must be one of"), e.getMessage());
  }

  @Test
  void lenientReadingFillsTheQuestionAndConvertsTypes() {
    StudentOutputJson.Candidate candidate =
        StudentOutputJson.lenient(
                json(
                    "{\"status\": \"Ask Mentor\", \"problem\": \"npm missing\","
                        + " \"attempted_actions\": \"ran npm\", \"current_step\": 3}"))
            .orElseThrow();

    assertFalse(candidate.complete());
    assertEquals(StudentStatus.ASK_MENTOR, candidate.output().status());
    assertEquals("npm missing", candidate.output().questionForMentor());
    assertEquals(List.of("ran npm"), candidate.output().attemptedActions());
    assertEquals("3", candidate.output().currentStep());
  }

  @Test
  void lenientReadingRejectsObjectsWithoutAStatus() {
    assertTrue(StudentOutputJson.lenient(json("{\"result\": \"ok\"}")).isEmpty());
    assertTrue(StudentOutputJson.lenient(json("{\"status\": \"in_progress\"}")).isEmpty());
  }
}
