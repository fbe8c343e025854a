package dev.smileloop.learner.control;

import dev.smileloop.agent.entity.MentorAnswer;
import java.util.regex.Pattern;

/** A command that waits for keyboard input and got end-of-input instead. */
final class InteractiveInputRule implements MentorRule {

  private static final Pattern READ = Pattern.compile("(?:^|[;&|]\\s*)read\\b");
  private static final Pattern NO_TERMINAL =
      Pattern.compile(
          "(?i)EOFError: EOF when reading a line|input device is not a TTY|not a terminal|not a tty|"
              + "Inappropriate ioctl for device");

  @Override
  public String name() {
    return "keyboard-input";
  }

  @Override
  public boolean matches(MentorContext context) {
    boolean reads =
        context.command() != null
            && READ.matcher(context.command()).find()
            && context.exitCode() != 0;
    return reads || NO_TERMINAL.matcher(context.text()).find();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    return new MentorAnswer(
        context.where()
            + " waits for keyboard input and got none "
            + context.quotedError()
            + ".\n"
            + "Readers in a script or CI cannot answer a prompt, and the tutorial does not say what to type.\n"
            + "Fix for the tutorial: say exactly what to enter, or better take the value from an argument or a"
            + " variable (for example `NAME=Ada` before the step) so the step runs without a prompt.\n"
            + "The learner cannot type answers, so it cannot go on.",
        false);
  }
}
