package dev.smileloop.manifest.control;

import dev.smileloop.learner.mentor.DeclaredTools;
import dev.smileloop.manifest.entity.AssumedEnvironment;
import dev.smileloop.manifest.entity.ManifestEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Builds the assumed-environment manifest of a run: every tool, runtime, service and environment
 * variable its commands used (and the interpreters its scripts' shebangs name), each marked
 * declared, baseline or assumed, with the version this machine has.
 */
public final class ManifestBuilder {

  /** A command the tutorial ran, with its tutorial line (0 when unknown). */
  public record Ran(String command, int line) {}

  private final Baseline baseline;
  private final Function<String, String> versions;

  public ManifestBuilder(Baseline baseline, Function<String, String> versions) {
    this.baseline = baseline;
    this.versions = versions;
  }

  public AssumedEnvironment build(String markdown, List<Ran> commands) {
    ToolUsage usage = new ToolUsage();
    for (Ran ran : commands) {
      usage.add(ran.command(), ran.line());
    }
    shebangs(markdown, usage);
    Set<String> declared = DeclaredTools.of(markdown, commands.stream().map(Ran::command).toList());
    String prose = prose(markdown);
    List<ManifestEntry> entries = new ArrayList<>();
    for (ToolUsage.Use use : usage.uses()) {
      String name = use.name();
      Integer line = use.line() > 0 ? use.line() : null;
      entries.add(
          switch (use.kind()) {
            case ManifestEntry.ENV_VAR ->
                new ManifestEntry(
                    name,
                    use.kind(),
                    null,
                    Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(prose).find(),
                    false,
                    line);
            case ManifestEntry.SERVICE ->
                new ManifestEntry(
                    name, use.kind(), null, declared.contains(lower(name)), false, line);
            default ->
                new ManifestEntry(
                    name,
                    use.kind(),
                    versions.apply(name),
                    declared(name, declared),
                    baseline.contains(name),
                    line);
          });
    }
    return new AssumedEnvironment(baseline.configured(), entries);
  }

  private static boolean declared(String name, Set<String> declared) {
    String lower = lower(name);
    if (declared.contains(lower)) {
      return true;
    }
    // "python3 -m pip" is declared by pip or by python3's own declaration of pip.
    String[] words = lower.split("\\s+");
    return words.length == 3 && declared.contains(words[2]);
  }

  private static void shebangs(String markdown, ToolUsage usage) {
    if (markdown == null) {
      return;
    }
    Node document =
        Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(markdown);
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(FencedCodeBlock block) {
            shebang(block.getLiteral(), line(block) + 1);
          }

          @Override
          public void visit(IndentedCodeBlock block) {
            shebang(block.getLiteral(), line(block));
          }

          private void shebang(String literal, int line) {
            String first = literal.lines().findFirst().orElse("");
            if (first.startsWith("#!") && first.length() > 2) {
              usage.addShebang(first, line);
            }
          }

          private int line(Node block) {
            return block.getSourceSpans().isEmpty()
                ? 0
                : block.getSourceSpans().get(0).getLineIndex() + 1;
          }
        });
  }

  private static String prose(String markdown) {
    if (markdown == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    Parser.builder()
        .build()
        .parse(markdown)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Text t) {
                text.append(t.getLiteral()).append(' ');
              }

              @Override
              public void visit(org.commonmark.node.Code code) {
                text.append(code.getLiteral()).append(' ');
              }
            });
    return text.toString();
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
