package dev.smileloop.llm.control;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.StudentAgent;
import dev.smileloop.agent.control.StudentOutputParser;
import dev.smileloop.agent.control.StudentWorkspace;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.llm.control.CliInvoker.Reading;
import dev.smileloop.llm.control.CliInvoker.Request;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.llm.entity.LlmRole;
import dev.smileloop.sandbox.control.Workspaces;
import dev.smileloop.sandbox.entity.Workspace;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Student played by an LLM command-line tool. Each attempt gets a fresh, empty workspace
 * ({@code <workRoot>/<loopId>/iteration-<n>/work}, earlier iterations' folders are removed); the
 * tool runs there, so its own shell and file tools act there. Nothing is copied from the host: the
 * tutorial's folder is only named in the prompt, as read-only. The prompt ({@code
 * student-prompt.txt}) holds the role, the stuck triggers and patience of {@code studentBehavior},
 * every Mentor note, the numbered tutorial and the JSON answer contract.
 *
 * <p>The answer is recovered with {@link StudentOutputParser}. The raw answer and the recovery
 * strategy are kept in the attempt's {@link LlmCall} ({@link #calls()}), not in the output. After
 * the attempt the workspace is removed or kept as {@code container.keepOnSuccess} / {@code
 * keepOnFailure} say (its {@code logs} folder holds the prompt and the tool's raw output); a kept
 * workspace is named at the end of the summary.
 *
 * <p>The tool is not sandboxed: it runs with the server's rights and environment.
 */
public final class CliStudent implements StudentAgent {

  private final CliInvoker invoker;
  private final Path workRoot;

  /**
   * @param invoker runs the provider's tool and records the calls
   * @param workRoot where iteration workspaces are created ({@code <workRoot>/<loopId>/...})
   */
  public CliStudent(CliInvoker invoker, Path workRoot) {
    this.invoker = invoker;
    this.workRoot = workRoot;
  }

  /** The Student's calls so far, oldest first. */
  public List<LlmCall> calls() {
    return invoker.log().calls(LlmRole.STUDENT);
  }

  public CliInvoker invoker() {
    return invoker;
  }

  @Override
  public StudentOutput attempt(StudentTask task) throws AgentException, InterruptedException {
    Workspace workspace = StudentWorkspace.prepare(task, workRoot);
    StudentOutput output = null;
    try {
      String prompt = Prompts.student(fitted(task, workspace.work()), workspace.work());
      if (budget(task.config()).isPresent()) {
        budget(task.config()).get().check(prompt);
      }
      StudentOutputParser.Result result = invoke(task, workspace, prompt);
      if (!result.recovered()) {
        // Re-asked once with the parse error; a second miss is the model's fault, not a gap.
        result = invoke(task, workspace, prompt + reask(result));
        if (!result.recovered()) {
          throw AgentException.agentFault(
              "the Student's "
                  + invoker.provider().wireName()
                  + " tool twice gave output that is not the answer contract (its raw output is"
                  + " in the report's LLM calls): "
                  + excerpt(result.raw()));
        }
      }
      output = ClaimCheck.verified(result.output(), workspace.work());
    } finally {
      String kept = release(workspace, output, task);
      if (output != null && !kept.isEmpty()) {
        output =
            output.withSummary(
                output.summary() == null ? kept.strip() : output.summary().strip() + kept);
      }
    }
    return output;
  }

  private StudentOutputParser.Result invoke(StudentTask task, Workspace workspace, String prompt)
      throws AgentException, InterruptedException {
    Request request =
        new Request(
            task.loopId(),
            task.iteration(),
            LlmRole.STUDENT,
            prompt,
            workspace.work(),
            workspace.logs(),
            Duration.ofSeconds(task.config().studentBehavior().timeoutSeconds()));
    return invoker.invoke(
        request,
        stdout -> {
          StudentOutputParser.Result result = StudentOutputParser.parse(stdout);
          return new Reading<>(
              new StudentOutputParser.Result(
                  located(result.output(), task.tutorial()), result.strategy(), result.raw()),
              result.strategy());
        });
  }

  /**
   * A budget when {@code model.contextSize} is set: the command-line tool's context is otherwise
   * unknown, and a prompt over it would be cut silently by the tool's runtime.
   */
  static Optional<PromptBudget> budget(SmileConfig config) {
    Integer context = config.model().contextSize();
    Integer maxTokens = config.model().maxTokens();
    return context == null
        ? Optional.empty()
        : Optional.of(
            new PromptBudget(context, maxTokens == null ? 2048 : maxTokens, new Tokens()));
  }

  private static StudentTask fitted(StudentTask task, Path work) throws AgentException {
    Optional<PromptBudget> budget = budget(task.config());
    if (budget.isEmpty()) {
      return task;
    }
    List<MentorNote> notes =
        budget
            .get()
            .fitNotes(task.mentorNotes(), kept -> Prompts.student(withNotes(task, kept), work));
    return withNotes(task, notes);
  }

  private static StudentTask withNotes(StudentTask task, List<MentorNote> notes) {
    return new StudentTask(
        task.loopId(), task.iteration(), task.tutorial(), task.config(), notes, task.progress());
  }

  private static String reask(StudentOutputParser.Result failed) {
    return "\n\n# Your previous answer could not be read\n\n"
        + failed.output().reason()
        + "\nIt began: "
        + excerpt(failed.raw())
        + "\nDo not copy the description of the answer: reply with exactly one JSON object whose"
        + " status is one of the three values, and nothing else.\n";
  }

  private static String excerpt(String raw) {
    String text = raw == null ? "" : raw.strip();
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  /** Fills in the quote of a location that names only its line, from the tutorial itself. */
  private static StudentOutput located(StudentOutput o, Tutorial tutorial) {
    TutorialLocation location = o.location();
    if (location == null || location.line() < 1 || location.line() > tutorial.lines().size()) {
      return o;
    }
    if (location.quote() != null && !location.quote().isBlank()) {
      return o;
    }
    TutorialLocation filled =
        new TutorialLocation(
            location.line(), tutorial.line(location.line()).strip(), location.heading());
    return o.toBuilder().location(filled).build();
  }

  private static String release(Workspace workspace, StudentOutput output, StudentTask task) {
    boolean succeeded = output != null && output.status() == StudentStatus.COMPLETED;
    try {
      boolean kept = Workspaces.release(workspace, succeeded, task.config().container());
      return kept ? " Workspace kept at " + workspace.root() + "." : "";
    } catch (IOException e) {
      return " The workspace at "
          + workspace.root()
          + " could not be removed: "
          + e.getMessage()
          + ".";
    }
  }
}
