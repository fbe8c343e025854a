package dev.smileloop.learner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.learner.entity.VagueInstruction;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AmbiguityDetectorTest {

  private final TutorialParser parser = new TutorialParser();

  private List<VagueInstruction> vague(String markdown) {
    TutorialStructure structure = parser.parse(markdown);
    return structure.steps().stream()
        .map(AmbiguityDetector::find)
        .flatMap(Optional::stream)
        .toList();
  }

  @Test
  void aVagueActionWithoutCodeIsFoundAtItsSentence() {
    List<VagueInstruction> found =
        vague(
            "# T\n\n## Step 2: Make it runnable\n\nAdjust the file so your system lets you run it directly. Set whatever is\n"
                + "needed as appropriate for your setup.\n");

    assertEquals(1, found.size());
    assertEquals(5, found.get(0).line());
    assertEquals("Set whatever is needed as appropriate for your setup.", found.get(0).sentence());
  }

  @Test
  void obligationPhrasingsCountAsActions() {
    assertEquals(
        1, vague("# T\n## Config\nYou will need to configure the proxy accordingly.\n").size());
  }

  @Test
  void concreteStepsAreNotVague() {
    assertTrue(
        vague("# T\n## Step\nSet whatever you need with `export X=1`.\n").isEmpty(),
        "inline code is concrete");
    assertTrue(
        vague("# T\n## Step\nConfigure as needed:\n```bash\nexport X=1\n```\n").isEmpty(),
        "a block is concrete");
    assertTrue(vague("# T\n## Step\nThe server starts as needed.\n").isEmpty(), "no action asked");
    assertTrue(
        vague("# T\n## Step\nCreate the folder for the output.\n").isEmpty(), "nothing vague");
  }

  @Test
  void introductionPrerequisitesAndClosingAreNeverVague() {
    String markdown =
        "# Tool\nSet it up as needed.\n## Prerequisites\nInstall whatever is necessary.\n## Done\n"
            + "Make any changes as appropriate for your setup.\n";

    assertTrue(vague(markdown).isEmpty());
  }

  @Test
  void aCleanTutorialHasNoVagueStep() {
    String markdown =
        "# A Tiny Notes Command\n\nIn this tutorial you build `notes`.\n\n## Step 3: Make it executable\n\n```bash\nchmod +x notes.sh\n```\n"
            + "\n## Done\n\nYou now have a working notes command. Try `./notes.sh list` again tomorrow.\n";

    assertTrue(vague(markdown).isEmpty());
    Step done = parser.parse(markdown).steps().get(2);
    assertTrue(AmbiguityDetector.find(done).isEmpty());
  }
}
