package dev.smileloop.api.command;

import dev.smileloop.loop.control.StartRequest;
import jakarta.json.JsonObject;

/**
 * {@code POST /api/loop}: {@code tutorialContent} (Markdown) or {@code tutorialPath} (a file in the
 * served folder), {@code configPath} (a {@code smile.json} there), {@code config} (fields of {@code
 * smile.json} over the file's, read by the core's configuration reader with messages that name
 * them) and {@code resume}. All optional: without a tutorial the configuration's is used.
 */
@OneTutorialSource
public record StartLoopCommand(
    String tutorialContent,
    String tutorialPath,
    String configPath,
    JsonObject config,
    Boolean resume)
    implements Command {

  /** The core's typed request. */
  public StartRequest toRequest() {
    return new StartRequest(
        tutorialContent, tutorialPath, configPath, config, Boolean.TRUE.equals(resume));
  }
}
