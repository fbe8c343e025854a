package dev.smileloop.sandbox.entity;

import java.nio.file.Path;

/**
 * The host folders of one learner attempt: {@code root} is {@code
 * <workRoot>/<loopId>/iteration-<n>}, {@code work} the writable folder the shell starts in (also
 * its HOME), {@code logs} the command files and their output. {@code tutorialFolder} is the
 * tutorial's folder on the host, shown read-only inside, or null for an inline tutorial.
 */
public record Workspace(Path root, Path work, Path logs, Path tutorialFolder) {}
