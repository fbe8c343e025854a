package dev.smileloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TutorialFinderTest {

  @TempDir Path cwd;

  @BeforeEach
  void docs() throws Exception {
    Files.createDirectories(cwd.resolve("docs/guides/drafts"));
    Files.createDirectories(cwd.resolve("docs/.hidden"));
    Files.createDirectories(cwd.resolve("docs/node_modules/x"));
    for (String f :
        List.of(
            "docs/a.md",
            "docs/b.md",
            "docs/notes.txt",
            "docs/a.smile-report.md",
            "docs/smile-report.md",
            "docs/guides/g.md",
            "docs/guides/g-wip.md",
            "docs/guides/drafts/d.md",
            "docs/.hidden/h.md",
            "docs/node_modules/x/readme.md")) {
      Files.writeString(cwd.resolve(f), "# T\n");
    }
    Files.writeString(cwd.resolve("docs/guides/smile.json"), "{}");
    Files.writeString(cwd.resolve("docs/guides/.smileignore"), "# not yet\ndrafts/\n*-wip.md\n");
  }

  private List<String> found(String... args) {
    return TutorialFinder.find(List.of(args), cwd).stream()
        .map(t -> cwd.relativize(t.tutorial()).toString())
        .toList();
  }

  @Test
  void aFolderGivesItsMarkdownFilesWithoutIgnoredHiddenOrReportFiles() {
    assertEquals(List.of("docs/a.md", "docs/b.md", "docs/guides/g.md"), found("docs"));
  }

  @Test
  void eachTutorialGetsTheSmileJsonOfItsFolder() {
    List<TutorialFinder.Target> targets = TutorialFinder.find(List.of("docs"), cwd);
    assertNull(targets.get(0).config());
    assertEquals(cwd.resolve("docs/guides/smile.json"), targets.get(2).config());
  }

  @Test
  void globsAndFilesCombineWithoutDuplicates() {
    assertEquals(
        List.of("docs/a.md", "docs/guides/g.md"), found("docs/a.md", "docs/**/g*.md", "docs/a.md"));
  }

  @Test
  void aMissingPathIsAUsageError() {
    assertThrows(Options.UsageException.class, () -> found("nope"));
  }

  @Test
  void severalFilesAFolderOrAGlobMakeAFolderRun() {
    assertEquals(List.of("docs"), Options.parse(List.of("docs", "--jobs", "3"), cwd).targets());
    assertEquals(3, Options.parse(List.of("docs", "--jobs", "3"), cwd).jobs());
    assertEquals(2, Options.parse(List.of("docs/a.md", "docs/b.md"), cwd).targets().size());
    Options single = Options.parse(List.of("docs/a.md"), cwd);
    assertEquals(List.of(), single.targets());
    assertEquals(cwd.resolve("docs/a.md"), single.tutorial());
    assertThrows(
        Options.UsageException.class, () -> Options.parse(List.of("docs", "--jobs", "0"), cwd));
  }
}
