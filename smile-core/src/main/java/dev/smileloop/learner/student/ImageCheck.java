package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StuckTrigger;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.tutorial.control.TutorialImages;
import dev.smileloop.tutorial.entity.ImageReference;
import dev.smileloop.tutorial.entity.Tutorial;
import dev.smileloop.tutorial.entity.TutorialLocation;

/** The images the tutorial shows that a reader would not see: each is a notice, and it reads on. */
final class ImageCheck {

  private ImageCheck() {}

  static void check(Tutorial tutorial, TutorialStructure structure, AttemptLog log) {
    for (ImageReference image : TutorialImages.check(tutorial, structure.document())) {
      String target = image.reference();
      String problem =
          switch (image.status()) {
            case FOUND, REMOTE -> null;
            case MISSING ->
                tutorial.folder() == null
                    ? "image `"
                        + target
                        + "` cannot be found: the tutorial has no folder to resolve it against"
                    : "image `" + target + "` does not exist";
            case OUTSIDE ->
                target.startsWith("/") || target.startsWith("~") || target.matches("^\\w+:.*")
                    ? "image `"
                        + target
                        + "` is an absolute path; images must be relative to the tutorial's folder"
                    : "image `" + target + "` points outside the tutorial's folder";
          };
      if (problem != null) {
        String heading = structure.stepAt(image.line()).map(Step::heading).orElse("");
        log.notice(
            new Notice(
                StuckTrigger.MISSING_IMAGE,
                new TutorialLocation(image.line(), tutorial.line(image.line()).strip(), heading),
                problem,
                "read on without the image"));
      }
    }
  }
}
