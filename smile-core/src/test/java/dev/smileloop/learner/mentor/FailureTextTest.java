package dev.smileloop.learner.mentor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FailureTextTest {

  @Test
  void theQuotedLineIsTheCauseNotMakesSummaryAfterIt() {
    String output =
        "cc -o hello hello.c\nhello.c:1:10: fatal error: stdio.hh: No such file or directory\n"
            + "compilation terminated.\nmake: *** [Makefile:2: hello] Error 1";

    assertEquals(
        "hello.c:1:10: fatal error: stdio.hh: No such file or directory",
        FailureText.namingLine(output));
  }

  @Test
  void npmsLogHintIsNeverTheQuotedLine() {
    String output =
        "npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/expresss\n"
            + "npm error A complete log of this run can be found in: /root/.npm/_logs/x.log";

    assertEquals(
        "npm error 404 Not Found - GET https://registry.npmjs.org/expresss",
        FailureText.namingLine(output));
  }

  @Test
  void aPythonTracebackIsQuotedByItsException() {
    String output =
        "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n"
            + "    main()\nValueError: invalid literal for int() with base 10: 'x'";

    assertEquals(
        "ValueError: invalid literal for int() with base 10: 'x'", FailureText.namingLine(output));
  }

  @Test
  void bashsPrefixIsDroppedAndEmptyOutputSaysSo() {
    assertEquals(
        "tree: command not found", FailureText.namingLine("bash: tree: command not found"));
    assertEquals("(no output)", FailureText.namingLine("  \n"));
    assertEquals("done", FailureText.namingLine("starting\ndone"));
  }
}
