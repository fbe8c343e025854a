package dev.smileloop.learner.control;

import dev.smileloop.agent.entity.MentorAnswer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A server cannot bind its port: something (often an earlier step's server) holds it. */
final class PortInUseRule implements MentorRule {

  private static final Pattern IN_USE =
      Pattern.compile(
          "(?i)address already in use|EADDRINUSE|port \\d+ is (already )?(in use|allocated)|port is already allocated");
  private static final Pattern PORT = Pattern.compile("(?i)(?:port\\s+|:)(\\d{2,5})\\b");
  private static final Pattern PORT_ARGUMENT =
      Pattern.compile("(?:--port[= ]|\\s-p\\s*|:)(\\d{2,5})\\b|\\s(\\d{4,5})(?=\\s|$)");

  @Override
  public String name() {
    return "port-in-use";
  }

  @Override
  public boolean matches(MentorContext context) {
    return IN_USE.matcher(context.text()).find();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    String which = "its port";
    Matcher port = PORT.matcher(context.text());
    Matcher argument = PORT_ARGUMENT.matcher(context.command() == null ? "" : context.command());
    if (port.find()) {
      which = "port " + port.group(1);
    } else if (argument.find()) {
      which = "port " + (argument.group(1) != null ? argument.group(1) : argument.group(2));
    }
    return new MentorAnswer(
        context.where()
            + " cannot start: "
            + which
            + " is already in use: "
            + context.quotedError()
            + ".\n"
            + "Probably a server started by an earlier step is still running.\n"
            + "Fix for the tutorial: stop the earlier server before starting another one (`kill %1`), or use a"
            + " different port and say which.\n"
            + "To go on, stop the background jobs this shell started before line "
            + context.line()
            + ":\n"
            + MentorContext.fixBlock("jobs -p | xargs -r kill 2>/dev/null; sleep 1"),
        true);
  }
}
