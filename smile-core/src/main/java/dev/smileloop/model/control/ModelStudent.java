package dev.smileloop.model.control;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.StudentAgent;
import dev.smileloop.agent.control.StudentWorkspace;
import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.llm.control.PromptBudget;
import dev.smileloop.llm.control.Prompts;
import dev.smileloop.llm.entity.LlmCall.Outcome;
import dev.smileloop.sandbox.control.Sandbox;
import dev.smileloop.sandbox.control.ShellSession;
import dev.smileloop.sandbox.control.Workspaces;
import dev.smileloop.sandbox.entity.Workspace;
import dev.smileloop.tutorial.entity.TutorialLocation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Student played by a model API. It acts only through SMILE's tools ({@link StudentTools}) in
 * the attempt's sandboxed shell, so every command it runs is run and recorded by SMILE. Its verdict
 * is assembled from what happened ({@link Verdicts}): the files in the workspace and the commands
 * that ran; what the model says is kept only as its summary, and files it claims but never wrote
 * are unverified notices. A reply that is not a tool call, or a malformed {@code finish} / {@code
 * ask_mentor}, is re-asked once with the error, then ends the loop as an agent error (the model's
 * fault, never a tutorial gap).
 */
public final class ModelStudent implements StudentAgent {

  static final String TOOL_CALLS = "tool_calls";
  static final String TEXT = "text";

  private final ModelCaller caller;
  private final PromptBudget budget;
  private final Sandbox sandbox;
  private final Path workRoot;
  private final int maxToolCalls;

  ModelStudent(
      ModelCaller caller, PromptBudget budget, Sandbox sandbox, Path workRoot, int maxToolCalls) {
    this.caller = caller;
    this.budget = budget;
    this.sandbox = sandbox;
    this.workRoot = workRoot;
    this.maxToolCalls = maxToolCalls;
  }

  @Override
  public StudentOutput attempt(StudentTask task) throws AgentException, InterruptedException {
    Workspace workspace = StudentWorkspace.prepare(task, workRoot);
    StudentOutput output = null;
    try (ShellSession shell = ShellSession.open(sandbox, workspace)) {
      StudentTools tools =
          new StudentTools(
              shell,
              Duration.ofSeconds(task.config().studentBehavior().timeoutSeconds()),
              task.progress() == null ? r -> {} : task.progress());
      output = converse(task, shell, tools);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        Thread.interrupted();
        throw new InterruptedException("the Student was stopped");
      }
      throw new AgentException(
          AgentException.Kind.FATAL,
          "The Student's " + sandbox.description() + " failed: " + e.getMessage(),
          e);
    } finally {
      boolean succeeded = output != null && output.status() == StudentStatus.COMPLETED;
      String kept;
      try {
        kept =
            Workspaces.release(workspace, succeeded, task.config().container())
                ? " Workspace kept at " + workspace.root() + "."
                : "";
      } catch (IOException e) {
        kept = " The workspace at " + workspace.root() + " could not be removed: " + e.getMessage();
      }
      if (output != null && !kept.isEmpty()) {
        output = output.withSummary(output.summary() + kept);
      }
    }
    return output;
  }

  private StudentOutput converse(StudentTask task, ShellSession shell, StudentTools tools)
      throws AgentException, InterruptedException, IOException {
    String work = shell.paths().work();
    String tutorialFolder = task.tutorial().folder() == null ? null : shell.paths().tutorial();
    List<MentorNote> notes =
        budget.fitNotes(
            task.mentorNotes(),
            kept -> Prompts.modelStudent(withNotes(task, kept), work, tutorialFolder));
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(
        SystemMessage.from(Prompts.modelStudent(withNotes(task, notes), work, tutorialFolder)));
    messages.add(UserMessage.from("Begin with the first step of the tutorial."));
    Verdicts verdicts = new Verdicts(task.tutorial(), shell.workspace().work());
    boolean reasked = false;
    int calls = 0;
    String step = null;
    while (true) {
      budget.fitConversation(messages);
      ChatRequest request =
          ChatRequest.builder()
              .messages(messages)
              .toolSpecifications(StudentTools.specifications())
              .build();
      ModelCaller.Answer answer = caller.call(task.loopId(), task.iteration(), request);
      AiMessage ai = answer.message();
      messages.add(ai);
      if (!ai.hasToolExecutionRequests()) {
        String error = "your reply was text, not a tool call";
        caller.record(task.loopId(), task.iteration(), answer, Outcome.UNPARSEABLE, TEXT, error);
        if (reasked) {
          throw fault(task, error, ModelCaller.raw(ai));
        }
        reasked = true;
        messages.add(
            UserMessage.from(
                "SMILE could not use your reply: "
                    + error
                    + ". Act only through the tools, and end with the finish or ask_mentor tool."));
        continue;
      }
      StudentOutput ending = null;
      String parseError = null;
      for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
        if (++calls > maxToolCalls) {
          caller.record(task.loopId(), task.iteration(), answer, Outcome.ERROR, TOOL_CALLS, null);
          throw AgentException.agentFault(
              "the Student's model made more than "
                  + maxToolCalls
                  + " tool calls in one attempt (model.maxToolCalls)");
        }
        ToolArguments args = ToolArguments.parse(call.arguments());
        String result;
        if (args.error() != null) {
          parseError = call.name() + ": " + args.error();
          result = "error: " + parseError;
        } else if (ending != null) {
          result = "ignored: the attempt already ended";
        } else {
          step = args.text("step").orElse(step);
          ToolStep outcome = run(call.name(), args, tools, verdicts, step);
          result = outcome.result();
          parseError = outcome.error() != null ? call.name() + ": " + outcome.error() : parseError;
          ending = outcome.ending() != null ? outcome.ending() : ending;
        }
        messages.add(ToolExecutionResultMessage.from(call, result));
      }
      if (parseError != null && ending == null) {
        caller.record(
            task.loopId(), task.iteration(), answer, Outcome.UNPARSEABLE, TOOL_CALLS, parseError);
        if (reasked) {
          throw fault(task, parseError, ModelCaller.raw(ai));
        }
        reasked = true;
        continue;
      }
      caller.record(
          task.loopId(),
          task.iteration(),
          answer,
          reasked ? Outcome.REPAIRED : Outcome.OK,
          TOOL_CALLS,
          null);
      if (ending != null) {
        return ending;
      }
    }
  }

  /** What one tool call did: the text for the model, a protocol error, or the attempt's end. */
  private record ToolStep(String result, String error, StudentOutput ending) {}

  private ToolStep run(
      String name, ToolArguments args, StudentTools tools, Verdicts verdicts, String step)
      throws IOException, InterruptedException {
    int line = args.integer("line");
    try {
      return switch (name) {
        case StudentTools.RUN_COMMAND ->
            args.text("command")
                .map(c -> ok(unchecked(() -> tools.runCommand(c, line, step))))
                .orElse(missing("command"));
        case StudentTools.WRITE_FILE -> {
          if (args.text("path").isEmpty() || args.raw("content").isEmpty()) {
            yield missing("path and content");
          }
          yield ok(
              unchecked(
                  () ->
                      tools.writeFile(
                          args.text("path").get(), args.raw("content").get(), line, step)));
        }
        case StudentTools.READ_FILE ->
            args.text("path")
                .map(p -> ok(unchecked(() -> tools.readFile(p, step))))
                .orElse(missing("path"));
        case StudentTools.LIST_FILES ->
            ok(unchecked(() -> tools.listFiles(args.text("path").orElse("."), step)));
        case StudentTools.ASK_MENTOR ->
            args.text("question")
                .map(
                    q ->
                        new ToolStep(
                            "The Mentor will answer before your next attempt.",
                            null,
                            verdicts.askMentor(
                                q, args.text("problem").orElse(null), step, line, tools.records())))
                .orElse(missing("question"));
        case StudentTools.FINISH -> finish(args, tools, verdicts, step);
        default -> new ToolStep("error: no tool named " + name, "no tool named " + name, null);
      };
    } catch (IllegalArgumentException e) {
      tools.refused(name + " " + args.text("path").orElse(""), line, step, e.getMessage());
      return new ToolStep("refused: " + e.getMessage(), null, null);
    } catch (UncheckedTool e) {
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw (IOException) e.getCause();
    }
  }

  private static ToolStep finish(
      ToolArguments args, StudentTools tools, Verdicts verdicts, String step) throws IOException {
    String status = args.text("status").orElse("");
    StudentStatus parsed =
        switch (status) {
          case "completed" -> StudentStatus.COMPLETED;
          case "cannot_complete" -> StudentStatus.CANNOT_COMPLETE;
          default -> null;
        };
    if (parsed == null) {
      String error = "status must be \"completed\" or \"cannot_complete\", got \"" + status + "\"";
      return new ToolStep("error: " + error, error, null);
    }
    List<CommandRecord> records = tools.records();
    return new ToolStep(
        "done",
        null,
        verdicts.finish(
            parsed,
            args.text("summary").orElse(null),
            args.text("reason").orElse(null),
            step,
            args.list("filesCreated"),
            records));
  }

  private static ToolStep ok(String result) {
    return new ToolStep(result, null, null);
  }

  private static ToolStep missing(String what) {
    return new ToolStep("error: " + what + " required", what + " required", null);
  }

  private static AgentException fault(StudentTask task, String error, String raw) {
    String excerpt = raw.length() > 500 ? raw.substring(0, 500) + "…" : raw;
    return AgentException.agentFault(
        "the Student's model broke the tool protocol twice in iteration "
            + task.iteration()
            + " ("
            + error
            + "); its raw output is in the report's LLM calls: "
            + excerpt);
  }

  private static StudentTask withNotes(StudentTask task, List<MentorNote> notes) {
    return new StudentTask(
        task.loopId(), task.iteration(), task.tutorial(), task.config(), notes, task.progress());
  }

  /** A tool body that may fail with a checked exception, carried through a lambda. */
  private interface Tool {
    String call() throws IOException, InterruptedException;
  }

  private static final class UncheckedTool extends RuntimeException {
    UncheckedTool(Exception cause) {
      super(cause);
    }
  }

  private static String unchecked(Tool tool) {
    try {
      return tool.call();
    } catch (IOException | InterruptedException e) {
      throw new UncheckedTool(e);
    }
  }

  static TutorialLocation located(StudentTask task, int line, String step) {
    if (line < 1 || line > task.tutorial().lines().size()) {
      return null;
    }
    return new TutorialLocation(line, task.tutorial().line(line).strip(), step);
  }
}
