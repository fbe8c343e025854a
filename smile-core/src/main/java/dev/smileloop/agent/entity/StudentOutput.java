package dev.smileloop.agent.entity;

import dev.smileloop.tutorial.entity.TutorialLocation;
import jakarta.json.bind.annotation.JsonbCreator;
import java.util.List;

/**
 * What the Student reports after an attempt (SPEC section 4). The first nine components are the
 * contract; {@code location}, {@code trigger}, {@code commands} and {@code notices} are what the
 * built-in learner adds so the report can point at the tutorial line: {@code trigger} names the
 * stuck trigger ({@code missing_dependency}, {@code command_failure}, {@code timeout}, {@code
 * ambiguous_instruction}, {@code repeated_failure}), {@code notices} lists difficulties the Student
 * got past on its own, {@code environmentFindings} the failures this machine caused (not the
 * tutorial).
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
    List<EnvironmentFinding> environmentFindings) {

  // The canonical constructor is the one JSON-B uses (state files, REST bodies).
  @JsonbCreator
  public StudentOutput {
    environmentFindings =
        List.copyOf(environmentFindings == null ? List.of() : environmentFindings);
    attemptedActions = List.copyOf(attemptedActions == null ? List.of() : attemptedActions);
    filesCreated = List.copyOf(filesCreated == null ? List.of() : filesCreated);
    commandsRun = List.copyOf(commandsRun == null ? List.of() : commandsRun);
    commands = List.copyOf(commands == null ? List.of() : commands);
    notices = List.copyOf(notices == null ? List.of() : notices);
  }

  /** An output without environment findings. */
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
        List.of());
  }

  /** A contract-only output, as external and LLM agents send it. */
  public static StudentOutput of(
      StudentStatus status,
      String currentStep,
      String problem,
      String question,
      String reason,
      String summary) {
    return new StudentOutput(
        status,
        currentStep,
        List.of(),
        problem,
        question,
        reason,
        summary,
        List.of(),
        List.of(),
        null,
        null,
        List.of(),
        List.of());
  }

  /** The same output with another summary. */
  public StudentOutput withSummary(String newSummary) {
    return new StudentOutput(
        status,
        currentStep,
        attemptedActions,
        problem,
        questionForMentor,
        reason,
        newSummary,
        filesCreated,
        commandsRun,
        location,
        trigger,
        commands,
        notices,
        environmentFindings);
  }

  /** A difficulty the Student met and got past without the Mentor (a minor gap). */
  public record Notice(
      String trigger, TutorialLocation location, String problem, String workaround) {}
}
