package dev.smileloop.loop.control;

import dev.smileloop.config.entity.SmileConfig;
import dev.smileloop.tutorial.entity.Tutorial;

/** A validated request to start a loop: the tutorial and the configuration it runs with. */
public record LoopRequest(Tutorial tutorial, SmileConfig config) {}
