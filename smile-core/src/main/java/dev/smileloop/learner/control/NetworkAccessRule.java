package dev.smileloop.learner.control;

import dev.smileloop.agent.entity.MentorAnswer;
import java.util.regex.Pattern;

/** A command that needs the internet, which the sandbox does not have unless the user shares it. */
final class NetworkAccessRule implements MentorRule {

  private static final Pattern OFFLINE =
      Pattern.compile(
          "(?i)could not resolve host|temporary failure in name resolution|name or service not known|getaddrinfo|"
              + "ENOTFOUND|EAI_AGAIN|network is unreachable|failed to establish a new connection|"
              + "no matching distribution found|could not fetch url|unable to access 'https?://");

  @Override
  public String name() {
    return "network-access";
  }

  @Override
  public boolean matches(MentorContext context) {
    return OFFLINE.matcher(context.text()).find();
  }

  @Override
  public MentorAnswer answer(MentorContext context) {
    boolean shared = context.task().config().container().network();
    return new MentorAnswer(
        context.where()
            + " needs the internet: "
            + context.quotedError()
            + ".\n"
            + "Fix for the tutorial: say that this step downloads from the internet (what, and from where), and"
            + " list network access as a requirement.\n"
            + (shared
                ? "The sandbox shares the host's network here, and the host could not reach it either: this is a"
                    + " blocker until the download works."
                : "The sandbox is offline unless \"container\": {\"network\": true} is set in smile.json; set it to"
                    + " check this step. Until then this is a blocker."),
        false);
  }
}
