package dev.smileloop.tutorial.entity;

import java.nio.file.Path;

/**
 * An image the tutorial refers to: the 1-indexed line, the reference as written, the file it
 * resolves to inside the tutorial's folder (null when it cannot resolve: remote, inline tutorial,
 * or not a path), and what was found there.
 */
public record ImageReference(int line, String reference, Path resolved, Status status) {

  /** What the reference points at. */
  public enum Status {
    /** A file inside the tutorial's folder. */
    FOUND,
    /** Nothing there, or the tutorial came without a folder to look in. */
    MISSING,
    /** The reference leaves the tutorial's folder: absolute, {@code ../}, or a symbolic link. */
    OUTSIDE,
    /** An http, https or data URL; not checked, since the server does not fetch. */
    REMOTE
  }
}
