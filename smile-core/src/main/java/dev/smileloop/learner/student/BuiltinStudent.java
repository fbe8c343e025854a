package dev.smileloop.learner.student;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.agent.control.StudentAgent;
import dev.smileloop.agent.control.StudentWorkspace;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.agent.entity.StudentStatus;
import dev.smileloop.agent.entity.StudentTask;
import dev.smileloop.learner.control.TutorialParser;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.sandbox.control.Sandbox;
import dev.smileloop.sandbox.control.ShellSession;
import dev.smileloop.sandbox.control.Workspaces;
import dev.smileloop.sandbox.entity.Workspace;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The deterministic built-in learner: a careful, literal-minded person with one terminal. It reads
 * the tutorial top to bottom and really runs it in a sandbox, in one shell for the whole attempt
 * (so {@code cd}, {@code export}, variables and functions carry over between blocks); it saves
 * blocks the tutorial introduces as files (relative to the shell's current directory), skips code
 * in other languages, reads but does not run the prerequisites, and reports every command to the
 * task's progress consumer as it finishes.
 *
 * <p>Each attempt gets a fresh workspace ({@code <workRoot>/<loopId>/iteration-<n>}); earlier
 * iterations' folders are removed first. Afterwards a completed attempt's workspace is removed
 * unless {@code container.keepOnSuccess}, any other kept when {@code container.keepOnFailure}; the
 * summary then says where it is.
 *
 * <p>Stuck triggers (SPEC section 4), each switchable in {@code studentBehavior}:
 *
 * <ul>
 *   <li><b>missing_dependency</b>: exit code 127, or the shell says "command not found" (also in a
 *       pipeline whose exit code hides it), or a script's interpreter is missing. Never re-run.
 *   <li><b>command_failure</b>: any other non-zero exit code, or a file block that cannot be saved.
 *       The command is run again until it has failed {@code maxRetriesBeforeHelp} times in a row;
 *       one that passes on a re-run becomes a "flaky" notice.
 *   <li><b>timeout</b>: a command still running after {@code timeoutSeconds} (the limit applies to
 *       each command). Its processes are killed and the next command gets a fresh shell in the same
 *       directory; never re-run.
 *   <li><b>ambiguous_instruction</b>: an ordinary step with no code block and no inline code whose
 *       prose asks for an action ("Adjust", "Set", "Configure", "you need to ...") in vague terms
 *       ("whatever", "as needed", "as appropriate", "for your setup", ...); its location is the
 *       vague sentence. Introduction, prerequisites and closing sections never count.
 * </ul>
 *
 * <p>Patience decides what happens next. Own approaches, where they fit: a script that is not
 * executable is run with {@code bash}; {@code python}/{@code pip} (and a few tools Debian renames)
 * are replaced by the installed name; a missing folder for {@code cd}/{@code mkdir} is created with
 * {@code mkdir -p}. {@code low} tries none and asks at the first difficulty (after the plain
 * re-runs) and at a vague step. {@code medium} tries up to two approaches per difficulty
 * (alternating with the re-runs) before asking, and notes a vague step and reads on. {@code high}
 * tries every approach, then records the failure and reads on to the end, and asks about the first
 * unresolved difficulty (later ones become notices); it also reads on past vague steps. An approach
 * that works makes the step pass with a notice saying what the learner did. When asking on a
 * trigger is switched off, the difficulty becomes a notice and the learner goes on; if any such
 * difficulty remains at the end, the result is {@code cannot_complete} with a reason listing them.
 * Otherwise the result is {@code completed}.
 *
 * <p>Stated outputs: after a shell or console block whose commands all succeeded at the first try,
 * each output the prose right after it states ("It prints `X`.", "You should see `X`.", "The last
 * command prints `X`.", read conservatively by {@link StatedOutputReader}) is looked for in what
 * the block printed, in full rather than the excerpt (only the last command's output for "the last
 * command"); runs of whitespace, case and the sentence's final punctuation do not count. A
 * difference is an {@code unexpected_output} notice at the sentence: the learner cannot fix what
 * the tutorial claims, so it reads on, and never asks or fails because of it.
 *
 * <p>Mentor notes: before the command (or vague sentence, or whatever comes next) at a note's
 * location, the note's fix blocks (fenced bash/sh/shell/console code) run in the shell, recorded
 * with {@code fromMentor = true} and the note's line. A note at a vague instruction means "read on"
 * there, with or without a fix. If the place still fails after its fix, the learner asks again and
 * says that the fix did not help.
 */
public final class BuiltinStudent implements StudentAgent {

  private final Path workRoot;
  private final Sandbox sandbox;
  private final Clock clock;
  private final TutorialParser parser;

  /**
   * @param workRoot where iteration workspaces are created ({@code <workRoot>/<loopId>/...})
   * @param sandbox where commands run, usually {@link Sandbox#forConfig}
   * @param clock measures the attempt for its summary
   */
  public BuiltinStudent(Path workRoot, Sandbox sandbox, Clock clock) {
    this.workRoot = workRoot;
    this.sandbox = sandbox;
    this.clock = clock;
    this.parser = new TutorialParser(sandbox.commands());
  }

  @Override
  public StudentOutput attempt(StudentTask task) throws AgentException, InterruptedException {
    Instant started = clock.instant();
    TutorialStructure structure = parser.parse(task.tutorial().markdown());
    Workspace workspace = StudentWorkspace.prepare(task, workRoot);
    StudentOutput output = null;
    try (ShellSession shell = ShellSession.open(sandbox, workspace)) {
      output = new Attempt(task, structure, shell, sandbox.commands(), parser.splitter()).run();
    } catch (ClosedByInterruptException e) {
      throw interrupted(e);
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw interrupted(e);
      }
      throw new AgentException(
          AgentException.Kind.FATAL,
          "The learner's " + sandbox.description() + " failed: " + e.getMessage(),
          e);
    } finally {
      String where = release(workspace, output, task);
      if (output != null) {
        output =
            output.withSummary(
                output.summary()
                    + " Took "
                    + seconds(started)
                    + " in a "
                    + sandbox.description()
                    + "."
                    + where);
      }
    }
    return output;
  }

  private static InterruptedException interrupted(IOException cause) {
    Thread.interrupted();
    InterruptedException interrupted = new InterruptedException("the learner was interrupted");
    interrupted.initCause(cause);
    return interrupted;
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

  private String seconds(Instant started) {
    Duration took = Duration.between(started, clock.instant());
    return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
  }
}
