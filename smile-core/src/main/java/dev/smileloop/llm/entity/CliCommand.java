package dev.smileloop.llm.entity;

import dev.smileloop.config.entity.LlmProvider;
import java.util.List;

/**
 * The command line one role of a provider runs, before the program is looked up on {@code PATH}.
 * {@code argv} starts with the program; the prompt never appears in it (it goes to standard input).
 * {@code source} says where the command line came from: {@link #BUILT_IN} or the name of the system
 * property that set it, so error messages can point there.
 */
public record CliCommand(LlmProvider provider, LlmRole role, List<String> argv, String source) {

  public static final String BUILT_IN = "built-in default";

  public CliCommand {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command line needs at least the program");
    }
  }

  /** The program to start: a name looked up on {@code PATH}, or a path when it has a slash. */
  public String program() {
    return argv.get(0);
  }

  /** The arguments after the program. */
  public List<String> arguments() {
    return argv.subList(1, argv.size());
  }

  public boolean builtIn() {
    return BUILT_IN.equals(source);
  }
}
