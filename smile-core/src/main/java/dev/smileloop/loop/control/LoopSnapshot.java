package dev.smileloop.loop.control;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.tutorial.entity.Tutorial;

/**
 * A loop's state together with what it runs on: the input of the reports, taken while the loop runs
 * or once it has ended.
 */
public record LoopSnapshot(LoopState state, Tutorial tutorial, SmileConfig config) {}
