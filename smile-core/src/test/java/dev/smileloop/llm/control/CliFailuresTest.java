package dev.smileloop.llm.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.llm.control.CliFailures.Cause;
import org.junit.jupiter.api.Test;

class CliFailuresTest {

  private static Cause cause(String stderr) {
    return CliFailures.diagnose("", stderr).cause();
  }

  @Test
  void rateLimitsOverloadServerErrorsAndNetworkTroubleAreTemporary() {
    for (String stderr :
        new String[] {
          "429 Too Many Requests",
          "Error: rate_limit_error: Number of requests has exceeded your rate limit",
          "API Error: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}",
          "[API Error: got status: 503 Service Unavailable]",
          "RESOURCE_EXHAUSTED: Quota exceeded for quota metric",
          "stream error: HTTP status 502 Bad Gateway",
          "Error: read ECONNRESET",
          "TypeError: fetch failed",
          "Request timed out.",
          "error sending request: connection refused",
          "getaddrinfo EAI_AGAIN api.anthropic.com"
        }) {
      assertEquals(Cause.TEMPORARY, cause(stderr), stderr);
    }
  }

  @Test
  void rejectedCredentialsAreAuthentication() {
    for (String stderr :
        new String[] {
          "Invalid API key · Please run /login",
          "Error: 401 Unauthorized",
          "You are not logged in. Run `codex login`.",
          "API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\"}}",
          "Error: API key not valid. Please pass a valid API key.",
          "OAuth token has expired"
        }) {
      assertEquals(Cause.AUTHENTICATION, cause(stderr), stderr);
    }
  }

  @Test
  void aRejectedCommandLineIsUsage() {
    assertEquals(Cause.USAGE, cause("error: unknown option '--output-format'"));
    assertEquals(
        Cause.USAGE,
        cause("error: unexpected argument '--foo' found\n\nUsage: codex exec [OPTIONS]"));
    assertEquals(Cause.USAGE, cause("Unknown argument: yolo"));
  }

  @Test
  void anythingElseIsUnknownWithTheLastLineAsEvidence() {
    CliFailures.Diagnosis diagnosis = CliFailures.diagnose("", "starting\nSegmentation fault\n\n");

    assertEquals(Cause.UNKNOWN, diagnosis.cause());
    assertEquals("Segmentation fault", diagnosis.evidence());
  }

  @Test
  void theEvidenceIsTheLineThatShowsTheCause() {
    CliFailures.Diagnosis diagnosis =
        CliFailures.diagnose("", "loading config\nHTTP 429 Too Many Requests\nbye");

    assertEquals("HTTP 429 Too Many Requests", diagnosis.evidence());
  }

  @Test
  void numbersThatAreNotStatusCodesDoNotCount() {
    assertEquals(Cause.UNKNOWN, cause("failed at line 401 of main.js"));
    assertEquals(Cause.UNKNOWN, cause("wrote 503 bytes, then crashed"));
  }

  @Test
  void onlyShortErrorRepliesWithExitZeroAreFailures() {
    assertTrue(CliFailures.errorReply("API Error: 529 Overloaded").isPresent());
    assertTrue(CliFailures.errorReply("Invalid API key · Please run /login").isPresent());
    assertTrue(
        CliFailures.errorReply("The install timed out because port 429 is blocked.").isEmpty());
    assertTrue(
        CliFailures.errorReply("{\"status\": \"ask_mentor\", \"problem\": \"Error: 429 from pip\"}")
            .isEmpty());
    assertTrue(CliFailures.errorReply("Error: the tutorial forgot a step").isEmpty());
  }
}
