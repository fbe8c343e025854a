package dev.smileloop.llm.control;

import dev.smileloop.agent.control.AgentException;
import dev.smileloop.config.entity.LlmProvider;
import dev.smileloop.llm.entity.CliCommand;
import dev.smileloop.llm.entity.LlmRole;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The command line each provider runs for each role: a built-in default, or an override from a
 * system property (see the package documentation for the properties and their precedence).
 */
public final class CliCommands {

  /** Prefix of the override properties: {@code smile.llm.<provider>[.<role>].command}. */
  public static final String PROPERTY_PREFIX = "smile.llm.";

  private static final Pattern SECRET_OPTION =
      Pattern.compile(
          "(?i)^--?[a-z0-9_-]*(key|token|secret|password|passwd|credential|auth)[a-z0-9_-]*$");

  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile(
          "(?i)^(--?[a-z0-9_-]*(?:key|token|secret|password|passwd|credential|auth)[a-z0-9_-]*=).+$");

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(CliCommands.class.getName());

  private final Function<String, String> properties;

  /**
   * @param properties looks up a property by name (null when unset), usually {@code
   *     System::getProperty}
   */
  public CliCommands(Function<String, String> properties) {
    this.properties = properties;
  }

  /**
   * Overrides from system properties, else from the environment under the MicroProfile Config name
   * ({@code smile.llm.claude.student.command} → {@code SMILE_LLM_CLAUDE_STUDENT_COMMAND}).
   */
  public static CliCommands fromSystemProperties() {
    return new CliCommands(
        name -> {
          String value = System.getProperty(name);
          return value != null ? value : System.getenv(environmentName(name));
        });
  }

  /** The environment variable MicroProfile Config reads for a property. */
  static String environmentName(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
  }

  /** The property that overrides the command line of one role of a provider. */
  public static String property(LlmProvider provider, LlmRole role) {
    return PROPERTY_PREFIX + provider.wireName() + "." + role.wireName() + ".command";
  }

  /** The property that overrides the command line of both roles of a provider. */
  public static String property(LlmProvider provider) {
    return PROPERTY_PREFIX + provider.wireName() + ".command";
  }

  /**
   * The command line a role runs: the role's property, else the provider's property, else the
   * built-in default. A blank property counts as unset.
   *
   * @throws AgentException fatal, naming the property, when an override cannot be split into words
   */
  public CliCommand command(LlmProvider provider, LlmRole role) throws AgentException {
    requireCommandLineTool(provider);
    for (String name : List.of(property(provider, role), property(provider))) {
      String value = properties.apply(name);
      if (value != null && !value.isBlank()) {
        boolean shared = name.equals(property(provider));
        if (shared) {
          LOG.warning(
              () ->
                  name
                      + " serves both roles, the Student and the Mentor; set "
                      + property(provider, LlmRole.STUDENT)
                      + " and "
                      + property(provider, LlmRole.MENTOR)
                      + " to give each its own command line (the tool sees SMILE_LLM_ROLE)");
        }
        try {
          return new CliCommand(
              provider,
              role,
              split(value),
              "system property " + name + (shared ? " (serves both roles)" : ""));
        } catch (IllegalArgumentException e) {
          throw AgentException.fatal(
              "The system property " + name + " is not a usable command line: " + e.getMessage());
        }
      }
    }
    return new CliCommand(provider, role, defaults(provider, role), CliCommand.BUILT_IN);
  }

  /**
   * The built-in command lines. Every one reads the prompt from standard input. Only the Student's
   * lets the tool run commands and edit files without asking, because nobody is there to answer;
   * the Mentor's keeps each tool's default, which in non-interactive mode refuses such actions.
   */
  public static List<String> defaults(LlmProvider provider, LlmRole role) {
    requireCommandLineTool(provider);
    boolean student = role == LlmRole.STUDENT;
    return switch (provider) {
      case CLAUDE ->
          student
              ? List.of("claude", "-p", "--output-format", "text", "--dangerously-skip-permissions")
              : List.of("claude", "-p", "--output-format", "text");
      case CODEX ->
          student
              ? List.of(
                  "codex", "exec", "--skip-git-repo-check", "--sandbox", "workspace-write", "-")
              : List.of("codex", "exec", "--skip-git-repo-check", "-");
      case GEMINI -> student ? List.of("gemini", "-p", "", "-y") : List.of("gemini", "-p", "");
      default -> throw new IllegalStateException("unreachable");
    };
  }

  private static void requireCommandLineTool(LlmProvider provider) {
    if (!provider.isCommandLineTool()) {
      throw new IllegalArgumentException(
          "llmProvider \"" + provider.wireName() + "\" is not an LLM command-line tool");
    }
  }

  /**
   * Splits a command line into words the way a shell would for the simple cases: whitespace
   * separates words; single quotes keep everything literally; double quotes keep whitespace and
   * honour {@code \"} and {@code \\}; a backslash outside quotes escapes the next character. {@code
   * ""} is an empty word. No variables, globs or other expansions.
   *
   * @throws IllegalArgumentException on an unclosed quote or an empty command line
   */
  public static List<String> split(String commandLine) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < commandLine.length(); i++) {
      char c = commandLine.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else if (c == '\\'
            && i + 1 < commandLine.length()
            && "\"\\".indexOf(commandLine.charAt(i + 1)) >= 0) {
          word.append(commandLine.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        inWord = true;
        if (c == '\'' || c == '"') {
          quote = c;
        } else if (c == '\\' && i + 1 < commandLine.length()) {
          word.append(commandLine.charAt(++i));
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException(
          "the " + (quote == '"' ? "double" : "single") + " quote is not closed");
    }
    if (inWord) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("it names no program");
    }
    return words;
  }

  /**
   * A command line fit for logs and reports: the value of every option whose name suggests a secret
   * ({@code --api-key x}, {@code --token=x}) is masked; a flag followed by another option masks
   * nothing.
   */
  public static List<String> redacted(List<String> argv) {
    List<String> out = new ArrayList<>(argv.size());
    boolean maskNext = false;
    for (String arg : argv) {
      if (maskNext && !arg.startsWith("-")) {
        out.add("***");
        maskNext = false;
        continue;
      }
      if (SECRET_ASSIGNMENT.matcher(arg).matches()) {
        out.add(SECRET_ASSIGNMENT.matcher(arg).replaceFirst("$1***"));
        maskNext = false;
      } else {
        out.add(arg);
        maskNext = SECRET_OPTION.matcher(arg).matches();
      }
    }
    return out;
  }
}
