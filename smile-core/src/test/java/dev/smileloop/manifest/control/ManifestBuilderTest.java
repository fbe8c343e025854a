package dev.smileloop.manifest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.learner.mentor.DeclaredTools;
import dev.smileloop.manifest.control.ManifestBuilder.Ran;
import dev.smileloop.manifest.entity.AssumedEnvironment;
import dev.smileloop.manifest.entity.ManifestEntry;
import dev.smileloop.sandbox.control.ExecutableLookup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestBuilderTest {

  private static final String TUTORIAL =
      """
      Greeter
      =======

      Prerequisites
      -------------

      * Node.js 20
      * a terminal

      Setup
      -----

      Install the JSON tool first:

          sudo apt-get install -y jq

      Run it
      ------

      Make sure the folder exists. Set `GREETING` to the word you like.

      ```bash
      export NAME=Ada
      node greet.js "$NAME" "$GREETING" | tree -L 1 && python3 -m venv .venv
      jq .name package.json
      ```

      ```python
      #!/usr/bin/env python3
      print("hi $API_TOKEN")
      ```
      """;

  private static AssumedEnvironment manifest(List<Ran> ran) {
    Map<String, String> versions = Map.of("node", "v20.1.0", "tree", "tree v2.1.0");
    return new ManifestBuilder(
            new Baseline(List.of("posix")), tool -> versions.getOrDefault(tool, "not found here"))
        .build(TUTORIAL, ran);
  }

  private static ManifestEntry entry(AssumedEnvironment manifest, String name) {
    return manifest.entries().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + manifest.entries()));
  }

  @Test
  void everyToolARunUsedIsListedWithItsStatusVersionAndFirstLine() {
    AssumedEnvironment manifest =
        manifest(
            List.of(
                new Ran("export NAME=Ada", 23),
                new Ran(
                    "node greet.js \"$NAME\" \"$GREETING\" | tree -L 1 && python3 -m venv .venv",
                    24),
                new Ran("jq .name package.json", 25)));

    assertEquals(List.of("posix"), manifest.baseline());
    ManifestEntry node = entry(manifest, "node");
    assertEquals(ManifestEntry.RUNTIME, node.kind());
    assertEquals("v20.1.0", node.version());
    assertEquals("declared", node.status());
    assertEquals(24, node.line());
    assertEquals("assumed", entry(manifest, "tree").status());
    assertTrue(entry(manifest, "tree").missingPrerequisite());
    assertEquals("declared", entry(manifest, "jq").status(), "apt-get install declares jq");
    assertEquals("baseline", entry(manifest, "export").status());
    assertEquals("shell builtin", new ToolVersions().apply("export"));
    assertTrue(entry(manifest, "python3 -m venv").missingPrerequisite());
    assertEquals(ManifestEntry.RUNTIME, entry(manifest, "python3").kind());
    assertEquals(24, entry(manifest, "python3").line());
  }

  @Test
  void environmentVariablesReadButNeverSetAreListedAndProseDeclaresThem() {
    AssumedEnvironment manifest =
        manifest(
            List.of(new Ran("export NAME=Ada", 23), new Ran("echo \"$NAME $GREETING $HOME\"", 24)));

    ManifestEntry greeting = entry(manifest, "GREETING");
    assertEquals(ManifestEntry.ENV_VAR, greeting.kind());
    assertTrue(greeting.declared(), "the prose says to set GREETING");
    assertTrue(
        manifest.entries().stream().noneMatch(e -> e.name().equals("NAME")), "set by the run");
    assertTrue(manifest.entries().stream().noneMatch(e -> e.name().equals("HOME")), "every shell");
    assertTrue(greeting.version() == null);
    assertEquals(29, entry(manifest, "python3").line(), "named only by the shebang at line 29");
  }

  @Test
  void makeSureInProseDeclaresNoMake() {
    Set<String> declared = DeclaredTools.of("Make sure the folder exists.\n", List.of());

    assertFalse(declared.contains("make"));
    assertTrue(DeclaredTools.of("This guide requires GNU Make 4.\n", List.of()).contains("make"));
    assertTrue(
        DeclaredTools.of("## Voraussetzungen\n\n- `git`\n", List.of()).contains("git"),
        "a German prerequisites heading");
  }

  @Test
  void heredocBodiesFunctionsAndKeywordsAreNoTools() {
    List<ToolUsage.Use> uses =
        new ToolUsage()
            .add("greet() { echo hi; }\ngreet", 3)
            .add("cat > app.py <<'EOF'\nimport flask\nEOF", 5)
            .add("for f in *.txt; do wc -l \"$f\"; done", 8)
            .add("sudo -E FOO=1 make install", 9)
            .add("(( i++ )) && g++ -o app app.cpp", 10)
            .uses();

    List<String> names = uses.stream().map(ToolUsage.Use::name).toList();
    assertEquals(List.of("echo", "cat", "wc", "make", "g++"), names);
  }

  @Test
  void quotedDataAndLoopKeywordsAreNoTools() {
    List<String> names =
        new ToolUsage()
                .add("python3 -c \"import json; print('ok')\"", 2)
                .add("for f in *; do [ -d \"$f\" ] || continue; break; done", 3)
                .add("echo \"built on $(uname -s); done\"", 4)
                .add("sh -c \"make build; tar -cf out.tar out\"", 5)
                .uses()
                .stream()
                .map(ToolUsage.Use::name)
                .toList();

    assertEquals(
        List.of("python3", "continue", "break", "echo", "uname", "sh", "make", "tar"), names);
    assertTrue(
        new Baseline(List.of("posix")).contains("continue"), "builtins, not tools to install");
  }

  @Test
  void versionsComeFromTheSandboxPathOnceAndMissingToolsSaySo() {
    ToolVersions versions =
        new ToolVersions(ExecutableLookup.sandbox(), Duration.ofSeconds(5)).forLoop("loop-1");

    assertTrue(versions.apply("bash").startsWith("GNU bash"), versions.apply("bash"));
    assertEquals("not found here", versions.apply("surely-no-such-tool-here"));
    assertEquals("present (version not probed)", versions.apply("rm"));
    assertEquals(versions.apply("bash"), versions.forLoop("loop-1").apply("bash"));
  }
}
