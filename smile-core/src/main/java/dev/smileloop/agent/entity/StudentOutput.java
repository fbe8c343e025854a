package dev.smileloop.agent.entity;

import dev.smileloop.tutorial.entity.TutorialLocation;
import jakarta.json.bind.annotation.JsonbCreator;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Student reports after an attempt (SPEC section 4). The first nine components are the
 * contract; the rest are what the built-in learner adds so the report can point at the tutorial
 * line: {@code trigger} names the stuck trigger ({@code missing_dependency}, {@code
 * command_failure}, {@code timeout}, {@code ambiguous_instruction}, {@code repeated_failure}),
 * {@code notices} lists difficulties the Student got past or read on past, {@code
 * environmentFindings} failures whose cause is this machine rather than the tutorial, and {@code
 * nothingToValidate} says why a {@code completed} attempt validated nothing (no code blocks, only
 * illustrations); it is null when something was run. Build one with {@link #builder}.
 */
public record StudentOutput(
    StudentStatus status,
    String currentStep,
    List<String> attemptedActions,
    String problem,
    String questionForMentor,
    String reason,
    String summary,
    List<String> filesCreated,
    List<String> commandsRun,
    TutorialLocation location,
    String trigger,
    List<CommandRecord> commands,
    List<Notice> notices,
    List<EnvironmentFinding> environmentFindings,
    String nothingToValidate) {

  /** The canonical constructor, which JSON-B binds to. */
  @JsonbCreator
  public StudentOutput {
    attemptedActions = copy(attemptedActions);
    filesCreated = copy(filesCreated);
    commandsRun = copy(commandsRun);
    commands = copy(commands);
    notices = copy(notices);
    environmentFindings = copy(environmentFindings);
  }

  /**
   * The components as they were before environment findings and "nothing to validate"; kept so
   * callers written against them keep working. New code uses {@link #builder}.
   */
  public StudentOutput(
      StudentStatus status,
      String currentStep,
      List<String> attemptedActions,
      String problem,
      String questionForMentor,
      String reason,
      String summary,
      List<String> filesCreated,
      List<String> commandsRun,
      TutorialLocation location,
      String trigger,
      List<CommandRecord> commands,
      List<Notice> notices) {
    this(
        status,
        currentStep,
        attemptedActions,
        problem,
        questionForMentor,
        reason,
        summary,
        filesCreated,
        commandsRun,
        location,
        trigger,
        commands,
        notices,
        List.of(),
        null);
  }

  private static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** A contract-only output, as external and LLM agents send it. */
  public static StudentOutput of(
      StudentStatus status,
      String currentStep,
      String problem,
      String question,
      String reason,
      String summary) {
    return builder(status)
        .currentStep(currentStep)
        .problem(problem)
        .questionForMentor(question)
        .reason(reason)
        .summary(summary)
        .build();
  }

  public static Builder builder(StudentStatus status) {
    return new Builder(status);
  }

  /** A builder holding this output's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(status)
        .currentStep(currentStep)
        .attemptedActions(attemptedActions)
        .problem(problem)
        .questionForMentor(questionForMentor)
        .reason(reason)
        .summary(summary)
        .filesCreated(filesCreated)
        .commandsRun(commandsRun)
        .location(location)
        .trigger(trigger)
        .commands(commands)
        .notices(notices)
        .environmentFindings(environmentFindings)
        .nothingToValidate(nothingToValidate);
  }

  /** The same output with another summary. */
  public StudentOutput withSummary(String newSummary) {
    return toBuilder().summary(newSummary).build();
  }

  /** A difficulty the Student met and got past without the Mentor (a minor gap). */
  public record Notice(
      String trigger, TutorialLocation location, String problem, String workaround) {}

  /** The one place a {@link StudentOutput} is put together, so a new field is one edit. */
  public static final class Builder {
    private StudentStatus status;
    private String currentStep;
    private List<String> attemptedActions = List.of();
    private String problem;
    private String questionForMentor;
    private String reason;
    private String summary;
    private List<String> filesCreated = List.of();
    private List<String> commandsRun = List.of();
    private TutorialLocation location;
    private String trigger;
    private List<CommandRecord> commands = List.of();
    private List<Notice> notices = List.of();
    private List<EnvironmentFinding> environmentFindings = new ArrayList<>();
    private String nothingToValidate;

    private Builder(StudentStatus status) {
      this.status = status;
    }

    public Builder status(StudentStatus value) {
      status = value;
      return this;
    }

    public Builder currentStep(String value) {
      currentStep = value;
      return this;
    }

    public Builder attemptedActions(List<String> value) {
      attemptedActions = value;
      return this;
    }

    public Builder problem(String value) {
      problem = value;
      return this;
    }

    public Builder questionForMentor(String value) {
      questionForMentor = value;
      return this;
    }

    public Builder reason(String value) {
      reason = value;
      return this;
    }

    public Builder summary(String value) {
      summary = value;
      return this;
    }

    public Builder filesCreated(List<String> value) {
      filesCreated = value;
      return this;
    }

    public Builder commandsRun(List<String> value) {
      commandsRun = value;
      return this;
    }

    public Builder location(TutorialLocation value) {
      location = value;
      return this;
    }

    public Builder trigger(String value) {
      trigger = value;
      return this;
    }

    public Builder commands(List<CommandRecord> value) {
      commands = value;
      return this;
    }

    public Builder notices(List<Notice> value) {
      notices = value;
      return this;
    }

    public Builder environmentFindings(List<EnvironmentFinding> value) {
      environmentFindings = value;
      return this;
    }

    public Builder nothingToValidate(String value) {
      nothingToValidate = value;
      return this;
    }

    public StudentOutput build() {
      return new StudentOutput(
          status,
          currentStep,
          attemptedActions,
          problem,
          questionForMentor,
          reason,
          summary,
          filesCreated,
          commandsRun,
          location,
          trigger,
          commands,
          notices,
          environmentFindings,
          nothingToValidate);
    }
  }
}
