package dev.smileloop.agent.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.smileloop.agent.control.StudentOutputJson;
import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The new fields (limit, environmentFindings) are additive: old JSON still reads. */
class EnvironmentFieldsJsonTest {

  @Test
  void aStateFileWrittenBeforeTheNewFieldsStillReads() throws Exception {
    try (Jsonb jsonb = JsonbBuilder.create()) {
      CommandRecord old =
          jsonb.fromJson(
              "{\"command\":\"ls\",\"line\":3,\"step\":\"S\",\"exitCode\":0,\"outputExcerpt\":\"\","
                  + "\"durationMillis\":1,\"timedOut\":false,\"fromMentor\":false}",
              CommandRecord.class);
      StudentOutput output =
          jsonb.fromJson("{\"status\":\"completed\",\"summary\":\"done\"}", StudentOutput.class);

      assertNull(old.limit());
      assertEquals(List.of(), output.environmentFindings());
      assertEquals(old, jsonb.fromJson(jsonb.toJson(old), CommandRecord.class));
      assertFalse(jsonb.toJson(old).contains("limit"), "null limit is left out");
    }
  }

  @Test
  void environmentFindingsArriveInCamelOrSnakeCase() {
    String snake =
        "{\"status\":\"cannot_complete\",\"reason\":\"offline\",\"environment_findings\":"
            + "[{\"kind\":\"network\",\"line\":12,\"command\":\"pip install x\","
            + "\"evidence\":\"Temporary failure in name resolution\"}],"
            + "\"commands\":[{\"command\":\"make\",\"exit_code\":137,\"limit\":\"killed: memory limit 2 GiB\"}]}";

    StudentOutput output =
        StudentOutputJson.fromJson(Json.createReader(new StringReader(snake)).readObject());

    EnvironmentFinding finding = output.environmentFindings().get(0);
    assertEquals("network", finding.kind());
    assertEquals(12, finding.line());
    assertEquals("killed: memory limit 2 GiB", output.commands().get(0).limit());
    StudentOutput again = StudentOutputJson.fromJson(StudentOutputJson.toJson(output));
    assertEquals(output.environmentFindings(), again.environmentFindings());
  }
}
