package dev.smileloop.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The {@code limit} of a command in the Student output's JSON: kept when set, absent when not. */
class CommandLimitJsonTest {

  private static final String OUTPUT =
      """
      {"status": "cannot_complete", "reason": "killed",
       "commands": [
         {"command": "yes > f", "line": 3, "exitCode": 153, "outputExcerpt": "",
          "durationMillis": 900, "timedOut": false, "fromMentor": false,
          "limit": "killed: file size limit 1 GiB (SIGXFSZ)"},
         {"command": "ls", "line": 4, "step": "Look", "exitCode": 0, "outputExcerpt": "f",
          "durationMillis": 2, "timedOut": false, "fromMentor": false}]}
      """;

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void aLimitIsReadAndWrittenBack() {
    StudentOutput output = StudentOutputJson.fromJson(json(OUTPUT));
    CommandRecord yes = output.commands().get(0);

    assertEquals("killed: file size limit 1 GiB (SIGXFSZ)", yes.limit());
    JsonObject written = StudentOutputJson.toJson(output).getJsonArray("commands").getJsonObject(0);
    assertEquals("killed: file size limit 1 GiB (SIGXFSZ)", written.getString("limit"));
  }

  @Test
  void aCommandWithoutLimitHasNoLimitField() {
    StudentOutput output = StudentOutputJson.fromJson(json(OUTPUT));

    assertNull(output.commands().get(1).limit());
    JsonObject written = StudentOutputJson.toJson(output).getJsonArray("commands").getJsonObject(1);
    assertFalse(written.containsKey("limit"));
    assertEquals(8, written.size(), "the existing fields, unchanged: " + written);
  }
}
