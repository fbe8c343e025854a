package dev.smileloop.llm.control;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.MentorAgent;
import dev.smileloop.agent.entity.MentorAnswer;
import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.agent.entity.MentorTask;
import dev.smileloop.llm.control.CliInvoker.Reading;
import dev.smileloop.llm.control.CliInvoker.Request;
import dev.smileloop.llm.entity.LlmCall;
import dev.smileloop.llm.entity.LlmRole;
import dev.smileloop.sandbox.control.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Mentor played by an LLM command-line tool. Its prompt ({@code mentor-prompt.txt}) holds the
 * numbered tutorial, the Student's question, what it tried and the error, and every earlier note;
 * it answers with plain-text notes and is told never to perform the task (its command line keeps
 * the tool's default permissions, which refuse commands and edits in non-interactive mode). It runs
 * in an empty scratch folder under {@code workRoot}, removed after each call.
 *
 * <p>A reply that starts with {@code UNRESOLVABLE:} (case and Markdown emphasis around it do not
 * matter) means the Mentor found no answer: the result is not resolvable and the loop ends as a
 * blocker, with the rest of the reply as the notes.
 */
public final class CliMentor implements MentorAgent {

  private static final Logger LOG = Logger.getLogger(CliMentor.class.getName());

  private static final Pattern UNRESOLVABLE =
      Pattern.compile(
          "^[\\s*_>#`]*UNRESOLVABLE[*_`]*[ \\t]*(?:[:\\-–—]|\\R|\\z)[\\s*_`]*",
          Pattern.CASE_INSENSITIVE);

  private final CliInvoker invoker;
  private final Path workRoot;

  /**
   * @param invoker runs the provider's tool and records the calls
   * @param workRoot where the Mentor's scratch folders are created
   */
  public CliMentor(CliInvoker invoker, Path workRoot) {
    this.invoker = invoker;
    this.workRoot = workRoot;
  }

  /** The Mentor's calls so far, oldest first. */
  public List<LlmCall> calls() {
    return invoker.log().calls(LlmRole.MENTOR);
  }

  public CliInvoker invoker() {
    return invoker;
  }

  @Override
  public MentorAnswer advise(MentorTask task) throws AgentException, InterruptedException {
    Path folder;
    try {
      Files.createDirectories(workRoot);
      folder = Files.createTempDirectory(workRoot, "mentor-");
    } catch (IOException e) {
      throw new AgentException(
          AgentException.Kind.FATAL,
          "Cannot prepare the Mentor's folder under " + workRoot + ": " + e.getMessage(),
          e);
    }
    try {
      Request request =
          new Request(
              task.loopId(),
              task.iteration(),
              LlmRole.MENTOR,
              prompt(task),
              folder.resolve("work"),
              folder,
              timeout(task));
      return invoker.invoke(request, stdout -> new Reading<>(answer(stdout), null));
    } finally {
      try {
        Workspaces.deleteTree(folder);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not remove the Mentor's folder " + folder, e);
      }
    }
  }

  /** The Mentor's prompt, fitted to {@code model.contextSize} when it is set. */
  private static String prompt(MentorTask task) throws AgentException {
    Optional<PromptBudget> budget = CliStudent.budget(task.config());
    if (budget.isEmpty()) {
      return Prompts.mentor(task);
    }
    List<MentorNote> notes =
        budget
            .get()
            .fitNotes(
                task.mentorNotes(),
                kept ->
                    Prompts.mentor(
                        new MentorTask(
                            task.loopId(),
                            task.iteration(),
                            task.tutorial(),
                            task.config(),
                            task.studentOutput(),
                            kept)));
    String prompt =
        Prompts.mentor(
            new MentorTask(
                task.loopId(),
                task.iteration(),
                task.tutorial(),
                task.config(),
                task.studentOutput(),
                notes));
    budget.get().check(prompt);
    return prompt;
  }

  /**
   * The Mentor's own time limit: {@code model.mentorTimeoutSeconds}, else the server-wide {@code
   * smile.model.mentorTimeoutSeconds}, else the Student's {@code studentBehavior.timeoutSeconds}.
   */
  static Duration timeout(MentorTask task) {
    Integer configured = task.config().model().mentorTimeoutSeconds();
    if (configured != null) {
      return Duration.ofSeconds(configured);
    }
    Integer server = Integer.getInteger("smile.model.mentorTimeoutSeconds");
    if (server != null && server > 0) {
      return Duration.ofSeconds(server);
    }
    return Duration.ofSeconds(task.config().studentBehavior().timeoutSeconds());
  }

  /** The Mentor's reply as an answer: not resolvable when it starts with the marker. */
  public static MentorAnswer answer(String reply) {
    String notes = reply.strip();
    Matcher marker = UNRESOLVABLE.matcher(notes);
    if (marker.find()) {
      String rest = notes.substring(marker.end()).strip();
      return new MentorAnswer(
          rest.isEmpty() ? "The Mentor found no way past this problem." : rest, false);
    }
    return new MentorAnswer(notes, true);
  }
}
