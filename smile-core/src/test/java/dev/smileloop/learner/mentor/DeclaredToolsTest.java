package dev.smileloop.learner.mentor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.learner.control.TutorialParser;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one reader of what a tutorial declares, as the Student, Mentor and manifest all use it. */
class DeclaredToolsTest {

  @Test
  void namingAToolInTheTitleIsNotAskingForIt() {
    assertFalse(DeclaredTools.of("# Make for beginners\n\n## Run\n", List.of()).contains("make"));
    assertTrue(
        DeclaredTools.of("# Make for beginners\n\nYou need Node.js 20.\n", List.of())
            .contains("npm"),
        "Node.js brings npm");
  }

  @Test
  void prerequisitesSectionsDeclareEveryWordOfTheirProseAndCode() {
    Set<String> declared =
        DeclaredTools.of(
            "# T\n\n## Prerequisites\n\n- [GNU tree](https://example.com/jq-docs)\n\n"
                + "```bash\nrg --version\n```\n\n## Go\n\nThen run git.\n",
            List.of());

    assertTrue(declared.contains("tree"));
    assertTrue(declared.contains("rg"), "a check in the prerequisites' code");
    assertFalse(declared.contains("jq-docs"), "a link's target is not read");
    assertFalse(declared.contains("git"), "outside the section only sentences that ask count");
  }

  @Test
  void sentencesThatAskAndInstallCommandsDeclare() {
    Set<String> declared =
        DeclaredTools.of(
            "# T\n\nThis guide requires GNU Make 4. Make sure the folder exists.\n\n"
                + "```bash\nsudo apt-get install -y jq\npip install --user requests==2.31\n```\n",
            List.of("npm install -g serve"));

    assertTrue(declared.contains("make"));
    assertTrue(declared.contains("jq"));
    assertTrue(declared.contains("requests"));
    assertTrue(declared.contains("serve"), "an install the run made outside the Markdown");
    assertFalse(DeclaredTools.of("Make sure the folder exists.\n", List.of()).contains("make"));
  }

  @Test
  void theStudentsStructureAndTheMarkdownDeclareTheSame() {
    String markdown =
        "Guide\n=====\n\nVoraussetzungen\n---------------\n\n* `jq` 1.6\n\nLos\n---\n\n"
            + "    brew install tree\n";
    Set<String> fromMarkdown = DeclaredTools.of(markdown, List.of());
    Set<String> fromStructure =
        DeclaredTools.of(
            new TutorialParser(ExecutableLookup.sandbox()).parse(markdown).document(), List.of());

    assertTrue(fromMarkdown.containsAll(Set.of("jq", "tree")), fromMarkdown.toString());
    assertTrue(fromMarkdown.equals(fromStructure));
  }
}
