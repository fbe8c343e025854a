package dev.smileloop.report.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.loop.entity.IterationRecord;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.loop.entity.LoopStatus;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportFormat;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {

  private static final String GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
  private static final String OPENAI = "sk-" + "proj-Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe";
  private static final String ANTHROPIC = "sk-ant-api03-" + "Qw3rTy7UiOp9AsDfGhJkL1zXcVbNm5";
  private static final String AWS = "AKIA" + "IOSFODNN7EXAMPLE";
  private static final String SLACK =
      "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
  private static final String ENV_SECRET = "internal-deploy-value-42";

  private final SecretRedactor redactor =
      new SecretRedactor(Map.of("MY_SERVICE_TOKEN", ENV_SECRET, "HOME", "/root"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        GITHUB,
        OPENAI,
        ANTHROPIC,
        AWS,
        SLACK,
        JWT,
        ENV_SECRET,
        "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"
      })
  void knownTokenFormatsAreMasked(String secret) {
    String masked = redactor.redact("before " + secret + " after");
    assertFalse(masked.contains(secret), masked);
    assertTrue(masked.startsWith("before ") && masked.endsWith(" after"), masked);
    assertTrue(masked.contains(SecretRedactor.MASK));
  }

  @Test
  void assignmentsHeadersAndUrlsKeepTheirNameButLoseTheirValue() {
    assertEquals("password=[REDACTED] next", redactor.redact("password=hunter2 next"));
    assertEquals("DB_PASSWORD: [REDACTED]", redactor.redact("DB_PASSWORD: correct-horse"));
    assertEquals("token: [REDACTED]", redactor.redact("token: abc123def"));
    assertEquals("{\"api_key\": [REDACTED]}", redactor.redact("{\"api_key\": \"k-12345\"}"));
    assertEquals(
        "Authorization: Bearer [REDACTED]",
        redactor.redact("Authorization: Bearer abc.def.ghi-123456"));
    assertEquals(
        "curl -H 'authorization: token [REDACTED]'",
        redactor.redact("curl -H 'authorization: token s3cr3tvalue'"));
    assertEquals(
        "git clone https://bob:[REDACTED]@example.com/x.git",
        redactor.redact("git clone https://bob:pa55word@example.com/x.git"));
    assertEquals(
        "export STRIPE_KEY=[REDACTED]", redactor.redact("export STRIPE_KEY=a8F3kL0pQ9zX2vB7nM4c"));
    assertEquals("GITHUB_TOKEN=ghp_[REDACTED]", redactor.redact("GITHUB_TOKEN=" + GITHUB));
    assertTrue(
        redactor
            .redact("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----")
            .equals("-----BEGIN RSA PRIVATE KEY-----[REDACTED]-----END RSA PRIVATE KEY-----"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tree notes",
        "PATH=/usr/local/bin:/usr/bin",
        "SSH_KEY=~/.ssh/id_ed25519",
        "the key to success",
        "desk-top risk-free",
        "pip install scikit-learn",
        "echo $HOME",
        "sk-short",
        "exit 127 after 4 ms",
        "AKIAshort",
        "python3 count.py notes",
        "日本語 😀 | `code`"
      })
  void ordinaryTutorialTextIsLeftAlone(String text) {
    assertEquals(text, redactor.redact(text));
  }

  @Test
  void aSecretCutShortInATitleLeavesNoPrefixBehind() {
    StudentOutput out =
        StudentOutput.of(
            StudentStatus.ASK_MENTOR, null, "x".repeat(60) + " " + GITHUB, "why?", null, null);
    LoopState state =
        new LoopState(
            "x",
            LoopStatus.MAX_ITERATIONS,
            1,
            1,
            "t.md",
            List.of(),
            List.of(new IterationRecord(1, out, null, Scenarios.at(1), Scenarios.at(2))),
            Scenarios.T0,
            Scenarios.at(3),
            null,
            null);
    Report report = Scenarios.builder().build(state, null, null, Scenarios.CLOCK);
    assertFalse(
        report.gaps().get(0).title().contains(GITHUB.substring(0, 8)),
        report.gaps().get(0).title());
  }

  @Test
  void shortOrNonSecretEnvironmentValuesAreNotMasked() {
    SecretRedactor environment =
        new SecretRedactor(
            Map.of("API_TOKEN", "1", "USER", "root-user-name", "PASSWORD_FILE_X", "abc"));
    assertEquals(
        "root-user-name uses 1 and abc", environment.redact("root-user-name uses 1 and abc"));
  }

  @Test
  void aSecretNeverReachesAnyOfTheFiveFormats() {
    String output =
        "Cloning with "
            + GITHUB
            + "\nexport OPENAI_API_KEY="
            + OPENAI
            + "\nservice said "
            + ENV_SECRET;
    TutorialLocation location =
        new TutorialLocation(
            3, "curl -H 'Authorization: Bearer " + JWT + "' https://api", "Step 1: Call " + AWS);
    StudentOutput out =
        new StudentOutput(
            StudentStatus.ASK_MENTOR,
            "Step 1: Call " + AWS,
            List.of("tried " + SLACK),
            "401 for token " + GITHUB,
            "Is " + ANTHROPIC + " the right key?",
            null,
            "used password=hunter2secret",
            List.of("keys/" + AWS + ".txt"),
            List.of("curl -u admin:" + ENV_SECRET + " https://api"),
            location,
            "command_failure",
            List.of(
                new CommandRecord(
                    "git clone https://bob:" + ENV_SECRET + "@example.com/x.git",
                    3,
                    "Step 1: Call " + AWS,
                    128,
                    output,
                    12,
                    false,
                    false)),
            List.of(
                new StudentOutput.Notice(
                    "command_failure",
                    location,
                    "token " + GITHUB + " expired",
                    "used " + OPENAI)));
    String answer = "Set GITHUB_TOKEN=" + GITHUB + " and Authorization: Bearer " + JWT;
    MentorNote note = new MentorNote(1, out.questionForMentor(), answer, Scenarios.at(5), location);
    LoopState state =
        new LoopState(
            "loop-" + ENV_SECRET,
            LoopStatus.MAX_ITERATIONS,
            1,
            1,
            "secret-" + SLACK + ".md",
            List.of(note),
            List.of(new IterationRecord(1, out, answer, Scenarios.at(1), Scenarios.at(6))),
            Scenarios.T0,
            Scenarios.at(7),
            "stopped after " + ANTHROPIC,
            null);
    Tutorial tutorial =
        new Tutorial(
            "api-" + AWS,
            null,
            null,
            "# Call the API\n\n## Step 1: Call "
                + AWS
                + "\ncurl -H 'Authorization: Bearer "
                + JWT
                + "' https://api\n");
    Report report =
        new ReportBuilder(
                new SecretRedactor(Map.of("MY_SERVICE_TOKEN", ENV_SECRET)), Scenarios.TOOL)
            .build(state, tutorial, null, Scenarios.CLOCK);
    ReportRenderer renderer = new ReportRenderer();
    for (ReportFormat format : ReportFormat.values()) {
      String rendered = renderer.render(report, format);
      for (String secret :
          List.of(GITHUB, OPENAI, ANTHROPIC, AWS, SLACK, JWT, ENV_SECRET, "hunter2secret")) {
        assertFalse(rendered.contains(secret), format + " leaks " + secret + ":\n" + rendered);
      }
      assertTrue(
          rendered.contains("[REDACTED]") || rendered.contains("\\[REDACTED\\]"), format.name());
    }
    Validators.assertValidReportJson(renderer.json(report));
    Validators.assertValidSarif(renderer.sarif(report));
    Validators.assertValidJunit(renderer.junitXml(report));
  }

  @Test
  void longRunsOfLettersAreRedactedWithoutQuadraticBacktracking() {
    // 16 KB of one word: a quadratic pattern needs seconds here, a linear one microseconds.
    String text = "x".repeat(SecretRedactor.MAX_TEXT - 100) + " password=hunter22";
    String redacted =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofSeconds(5), () -> new SecretRedactor().redact(text));
    org.junit.jupiter.api.Assertions.assertTrue(
        redacted.endsWith("password=" + SecretRedactor.MASK));
  }

  @Test
  void hugeTextsKeepHeadAndTailAndStayRedacted() {
    String text =
        "token=ghp_abcdefghijklmnop1234 " + "y".repeat(100_000) + " tail password=hunter22";
    String redacted = new SecretRedactor().redact(text);
    org.junit.jupiter.api.Assertions.assertTrue(
        redacted.length() < SecretRedactor.MAX_TEXT + 100, "cut");
    org.junit.jupiter.api.Assertions.assertTrue(redacted.contains("characters cut"));
    org.junit.jupiter.api.Assertions.assertFalse(redacted.contains("ghp_abcdefghijklmnop1234"));
    org.junit.jupiter.api.Assertions.assertFalse(redacted.contains("hunter22"));
    org.junit.jupiter.api.Assertions.assertTrue(
        redacted.endsWith("tail password=" + SecretRedactor.MASK));
  }
}
