package dev.smileloop.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Request bodies for driving a loop with external agents, built with JSON-P. */
final class Bodies {

  static final String TUTORIAL =
      "# Greeting\n\n## Step 1: Write the script\n\n```bash\necho hi > greet.txt\n```\n\n## Step 2: Read it\n\n```bash\ncat greet.txt\n```\n";

  /** Step 2 runs a script that nothing made executable: exit 126 at line 14. */
  static final String GREETER =
      String.join(
          "\n",
          "# Greeter",
          "",
          "## Step 1: Write the script",
          "",
          "Save the following as `hello.sh`:",
          "",
          "```bash",
          "#!/usr/bin/env bash",
          "echo \"Hello, $1\"",
          "```",
          "",
          "## Step 2: Run it",
          "```bash",
          "./hello.sh SMILE",
          "```",
          "");

  private Bodies() {}

  /** Starts an external-agent loop; {@code config} fields override the defaults given here. */
  static String externalLoop(JsonObject config) {
    JsonObjectBuilder merged =
        Json.createObjectBuilder()
            .add("llmProvider", "external")
            .add("maxIterations", 5)
            .add("timeout", 120)
            .add("stateFile", System.getProperty("java.io.tmpdir") + "/smile-it-state/state.json")
            .add("outputDir", System.getProperty("java.io.tmpdir") + "/smile-it-reports")
            .add("studentBehavior", Json.createObjectBuilder().add("timeoutSeconds", 60));
    config.forEach(merged::add);
    return Json.createObjectBuilder()
        .add("tutorialContent", TUTORIAL)
        .add("config", merged)
        .build()
        .toString();
  }

  static String externalLoop() {
    return externalLoop(JsonObject.EMPTY_JSON_OBJECT);
  }

  static String askMentor(String question) {
    return student(
        Json.createObjectBuilder()
            .add("status", "ask_mentor")
            .add("current_step", "Step 2: Read it")
            .add("problem", "cat: greet.txt: No such file or directory")
            .add("question_for_mentor", question)
            .add("summary", "stuck at step 2"));
  }

  static String completed() {
    return student(
        Json.createObjectBuilder()
            .add("status", "completed")
            .add("currentStep", "Step 2: Read it")
            .add("summary", "all steps done"));
  }

  static String cannotComplete(String reason) {
    return student(
        Json.createObjectBuilder()
            .add("status", "cannot_complete")
            .add("current_step", "Step 1: Write the script")
            .add("reason", reason)
            .add("summary", "gave up"));
  }

  static String student(JsonObjectBuilder output) {
    return Json.createObjectBuilder()
        .add("studentOutput", output)
        .add("timestamp", "2026-11-26T12:00:00Z")
        .build()
        .toString();
  }

  static String mentor(String notes) {
    return Json.createObjectBuilder()
        .add("mentorOutput", notes)
        .add("timestamp", "2026-11-26T12:00:01Z")
        .build()
        .toString();
  }
}
