package dev.smileloop.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.control.StudentOutputParser.Result;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StudentOutputParserTest {

  @Test
  void cleanJsonIsParsedDirectly() {
    Result result =
        StudentOutputParser.parse(
            "  {\"status\": \"completed\", \"summary\": \"All 5 steps worked\","
                + " \"current_step\": \"Step 5\"}\n");

    assertEquals(StudentOutputParser.DIRECT, result.strategy());
    assertEquals(StudentStatus.COMPLETED, result.output().status());
    assertEquals("All 5 steps worked", result.output().summary());
    assertEquals("Step 5", result.output().currentStep());
    assertTrue(result.recovered());
  }

  @Test
  void fencedJsonBlockAmidProseIsFound() {
    String raw =
        """
        I followed the tutorial up to step 3. Here is my report:

        ```json
        {
          "status": "ask_mentor",
          "current_step": "Step 3: Show the tree",
          "attempted_actions": ["ran `tree notes`", "checked the prerequisites"],
          "problem": "bash: tree: command not found",
          "question_for_mentor": "The tutorial uses tree but never installs it. How do I get it?"
        }
        ```

        Let me know if you need anything else!
        """;

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.FENCED, result.strategy());
    StudentOutput output = result.output();
    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals(
        List.of("ran `tree notes`", "checked the prerequisites"), output.attemptedActions());
    assertTrue(output.questionForMentor().startsWith("The tutorial uses tree"));
    assertEquals(raw, result.raw());
  }

  @Test
  void unlabelledFenceHoldingAnObjectIsFound() {
    Result result =
        StudentOutputParser.parse(
            "Result:\n```\n{\"status\": \"cannot_complete\", \"reason\": \"The download URL"
                + " returns 404\"}\n```\n");

    assertEquals(StudentOutputParser.FENCED, result.strategy());
    assertEquals("The download URL returns 404", result.output().reason());
  }

  @Test
  void fencedBlockInAnotherLanguageIsNotMistakenForTheReport() {
    Result result =
        StudentOutputParser.parse(
            "```bash\necho '{\"status\": \"oops\"}'\n```\n"
                + "```json\n{\"status\": \"completed\", \"summary\": \"ok\"}\n```");

    assertEquals(StudentOutputParser.FENCED, result.strategy());
    assertEquals("ok", result.output().summary());
  }

  @Test
  void firstBalancedObjectIsFoundInProse() {
    String raw =
        "Sure! After running the commands my status is {\"status\": \"completed\", \"summary\":"
            + " \"Built the CLI; braces } in strings { are fine\", \"files_created\":"
            + " [\"notes.py\"]} and that is all. {not json}";

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.BALANCED, result.strategy());
    assertEquals("Built the CLI; braces } in strings { are fine", result.output().summary());
    assertEquals(List.of("notes.py"), result.output().filesCreated());
  }

  @Test
  void balancedScanSkipsBracesThatAreNotJson() {
    String raw =
        "I set ${HOME} and ran `awk '{print $1}'`. Report: {\"status\": \"ask_mentor\","
            + " \"questionForMentor\": \"Which port?\"}";

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.BALANCED, result.strategy());
    assertEquals("Which port?", result.output().questionForMentor());
  }

  @Test
  void fieldsAreExtractedFromAlmostJson() {
    // Single quotes, a comment and a trailing comma: no JSON parser accepts this.
    String raw =
        """
        Here is the result:
        {
          'status': 'ask_mentor',   // I am stuck
          'current_step': 'Step 4: make it runnable',
          'attempted_actions': ['ran ./notes.py', 'read step 4 again'],
          'problem': 'Permission denied when running ./notes.py',
          'question_for_mentor': 'What does \\'make it runnable\\' mean here?',
        }
        """;

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.FIELDS, result.strategy());
    StudentOutput output = result.output();
    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals("Step 4: make it runnable", output.currentStep());
    assertEquals("What does 'make it runnable' mean here?", output.questionForMentor());
    assertEquals(List.of("ran ./notes.py", "read step 4 again"), output.attemptedActions());
  }

  @Test
  void fieldExtractionUnescapesJsonStrings() {
    String raw =
        "{\"status\": \"completed\", \"summary\": \"line1\\nline2 \\\"quoted\\\" \\u00e9\","
            + " \"commands_run\": [\"ls\"] oops";

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.FIELDS, result.strategy());
    assertEquals("line1\nline2 \"quoted\" é", result.output().summary());
  }

  @Test
  void outputCutOffMidStringIsRepaired() {
    String raw =
        """
        ```json
        {"status": "ask_mentor", "current_step": "Step 2", "problem": "pip install fails",
         "location": {"line": 12, "quote": "pip install notes"},
         "question_for_mentor": "Which package index should pip use? The error says no match\
        """;

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.REPAIRED, result.strategy());
    StudentOutput output = result.output();
    assertEquals(StudentStatus.ASK_MENTOR, output.status());
    assertEquals(
        "Which package index should pip use? The error says no match", output.questionForMentor());
    assertEquals(12, output.location().line());
  }

  @Test
  void repairDropsADanglingKeyAndHalfWrittenValues() {
    Result danglingKey =
        StudentOutputParser.parse(
            "{\"status\": \"cannot_complete\", \"reason\": \"Needs a GPU\", \"attempted_actions\":"
                + " [\"nvidia-smi\", \"lspci\"], \"files_cre");
    Result halfLiteral =
        StudentOutputParser.parse(
            "{\"status\": \"cannot_complete\", \"reason\": \"disk full\", \"location\": {\"line\":"
                + " 3, \"quote\": \"dd\"}, \"commands\": [{\"command\": \"dd\", \"timed_out\": tr");
    Result escape =
        StudentOutputParser.parse(
            "{\"status\": \"ask_mentor\", \"question_for_mentor\": \"Is C:\\\\temp right? \\u00");

    assertEquals(StudentOutputParser.REPAIRED, danglingKey.strategy());
    assertEquals(List.of("nvidia-smi", "lspci"), danglingKey.output().attemptedActions());
    assertEquals(StudentOutputParser.REPAIRED, halfLiteral.strategy());
    assertEquals("dd", halfLiteral.output().commands().get(0).command());
    assertFalse(halfLiteral.output().commands().get(0).timedOut());
    assertEquals(StudentOutputParser.REPAIRED, escape.strategy());
    assertEquals("Is C:\\temp right? ", escape.output().questionForMentor());
  }

  @Test
  void askMentorWithoutQuestionFallsBackToTheProblem() {
    Result result =
        StudentOutputParser.parse(
            "{\"status\": \"ask_mentor\", \"problem\": \"The server never starts on port 8080\"}");

    assertEquals(StudentOutputParser.DIRECT, result.strategy());
    assertEquals("The server never starts on port 8080", result.output().questionForMentor());
  }

  @Test
  void askMentorWithNothingToAskGetsAGenericQuestion() {
    Result result = StudentOutputParser.parse("{\"status\": \"ASK-MENTOR\"}");

    assertEquals(StudentStatus.ASK_MENTOR, result.output().status());
    assertFalse(result.output().questionForMentor().isBlank());
  }

  @Test
  void completeCandidateFromALaterStrategyBeatsAnIncompleteEarlierOne() {
    // The balanced object lacks the question; the truncated one after it has it.
    String raw =
        "Draft: {\"status\": \"ask_mentor\"}\nFinal: {\"status\": \"ask_mentor\","
            + " \"question_for_mentor\": \"Which Python version is required";

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.REPAIRED, result.strategy());
    assertEquals("Which Python version is required", result.output().questionForMentor());
  }

  @Test
  void outputWrappedInAToolEnvelopeIsUnwrapped() {
    String raw =
        "{\"type\": \"result\", \"is_error\": false, \"result\": \"Done.\\n```json\\n"
            + "{\\\"status\\\": \\\"completed\\\", \\\"summary\\\": \\\"ok\\\"}\\n```\","
            + " \"session_id\": \"abc\"}";

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentStatus.COMPLETED, result.output().status());
    assertEquals("ok", result.output().summary());
  }

  @Test
  void outputInAStreamOfJsonEventsIsFound() {
    String raw =
"""
{"type": "thread.started", "thread_id": "t1"}
{"type": "item.completed", "item": {"type": "agent_message",         "text": "{\\"status\\": \\"cannot_complete\\", \\"reason\\": \\"No network\\"}"}}
{"type": "turn.completed"}
""";

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.BALANCED, result.strategy());
    assertEquals("No network", result.output().reason());
  }

  @Test
  void ansiColourCodesDoNotHideTheJson() {
    Result result = StudentOutputParser.parse("\u001B[32m{\"status\": \"completed\"}\u001B[0m\n");

    assertEquals(StudentOutputParser.DIRECT, result.strategy());
  }

  @Test
  void proseWithoutJsonIsUnparseableAndKeepsTheRawText() {
    String raw = "I'm sorry, I could not run the tutorial because the sandbox was read-only.";

    Result result = StudentOutputParser.parse(raw);

    assertEquals(StudentOutputParser.UNPARSEABLE, result.strategy());
    assertFalse(result.recovered());
    assertEquals(StudentStatus.CANNOT_COMPLETE, result.output().status());
    assertTrue(result.output().reason().contains("could not be parsed"), result.output().reason());
    assertTrue(result.output().problem().contains("sandbox was read-only"));
    assertEquals(raw, result.raw());
  }

  @Test
  void jsonWithAnUnknownStatusIsUnparseable() {
    Result result = StudentOutputParser.parse("{\"status\": \"in_progress\", \"summary\": \"x\"}");

    assertEquals(StudentOutputParser.UNPARSEABLE, result.strategy());
    assertEquals(StudentStatus.CANNOT_COMPLETE, result.output().status());
  }

  @Test
  void emptyAndNullOutputAreUnparseable() {
    assertEquals(StudentOutputParser.UNPARSEABLE, StudentOutputParser.parse("").strategy());
    Result none = StudentOutputParser.parse(null);
    assertEquals(StudentOutputParser.UNPARSEABLE, none.strategy());
    assertEquals("", none.raw());
    assertTrue(none.output().reason().contains("could not be parsed"));
  }

  @Test
  void hostileInputIsHandledQuickly() {
    String braces = "{".repeat(50_000) + "\"status\": " + "[".repeat(50_000);
    String quotes = "{\"a\": \"" + "\\\"".repeat(30_000);

    long start = System.nanoTime();
    Result first = StudentOutputParser.parse(braces);
    Result second = StudentOutputParser.parse(quotes);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(StudentOutputParser.UNPARSEABLE, first.strategy());
    assertEquals(StudentOutputParser.UNPARSEABLE, second.strategy());
    assertTrue(took.toSeconds() < 5, "took " + took);
  }

  @Test
  void longValuesDoNotOverflowTheStack() throws InterruptedException {
    String summary = "x".repeat(200_000) + "\\'y".repeat(10_000);
    String raw = "{'status': 'completed', 'summary': '" + summary + "'}";
    Result[] result = new Result[1];
    // A small stack, as on a pooled worker thread, makes a recursive regex fail here.
    Thread parser =
        new Thread(null, () -> result[0] = StudentOutputParser.parse(raw), "p", 512 * 1024);
    parser.start();
    parser.join();

    assertEquals(StudentOutputParser.FIELDS, result[0].strategy());
    assertEquals(210_000 + 10_000, result[0].output().summary().length());
  }
}
