package dev.smileloop.loop.control;

import dev.smileloop.json.Jsonp;
import dev.smileloop.problem.SmileException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The loop's state file and its lock. The lock is an operating-system file lock on {@code
 * <stateFile>.lock}, held for the loop's whole life and removed with it: a second process (or a
 * second loop in this one) aiming at the same state file is refused with "loop already running",
 * and a crashed process releases it, which is what makes its state file resumable. Writes go to a
 * temporary file that is then moved over the state file, so a reader never sees half a state.
 */
public final class StateStore implements AutoCloseable {

  private final Path stateFile;
  private final Path lockFile;
  private final FileChannel channel;
  private final FileLock lock;

  private StateStore(Path stateFile, Path lockFile, FileChannel channel, FileLock lock) {
    this.stateFile = stateFile;
    this.lockFile = lockFile;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock for {@code stateFile}, creating its folder; refuses when it is held, and when
   * the file exists but is not a SMILE state file (it is never overwritten or removed then).
   */
  public static StateStore acquire(Path stateFile) {
    requireStateFileOrAbsent(stateFile);
    Path lockFile = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      Files.createDirectories(stateFile.toAbsolutePath().getParent());
      for (int attempt = 0; ; attempt++) {
        channel =
            FileChannel.open(
                lockFile,
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
          throw alreadyRunning(lockFile);
        }
        if (holdsThePath(channel, lockFile)) {
          return new StateStore(stateFile, lockFile, channel, lock);
        }
        // The last holder removed the file between our open and our lock: lock the new one.
        closeQuietly(channel);
        if (attempt >= 3) {
          throw alreadyRunning(lockFile);
        }
      }
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw alreadyRunning(lockFile);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SmileException(
          SmileException.Kind.ENVIRONMENT,
          "cannot create the loop's state file " + stateFile + ": " + e.getMessage(),
          e);
    } catch (SmileException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /**
   * Refuses a {@code stateFile} that exists and is not a SMILE state file: a JSON object with a
   * numeric {@code version}, a {@code tutorial} object and a {@code state} object with a {@code
   * loopId}, as {@link PersistedLoop} writes it. The message does not quote the file.
   */
  public static void requireStateFileOrAbsent(Path stateFile) {
    if (!Files.exists(stateFile, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!isStateFile(stateFile)) {
      throw SmileException.invalid(
          "stateFile names a file that is not a SMILE state file; SMILE only writes, resumes and"
              + " removes its own state files, so choose another path");
    }
  }

  static boolean isStateFile(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (JsonReader reader = Jsonp.createReader(Files.newBufferedReader(file))) {
      JsonObject json = reader.readObject();
      return json.get("version") instanceof JsonNumber
          && json.get("tutorial") instanceof JsonObject
          && json.get("state") instanceof JsonObject state
          && state.get("loopId") instanceof JsonString;
    } catch (IOException | RuntimeException notJsonOrNotReadable) {
      return false;
    }
  }

  /**
   * Whether the locked channel is the file now at {@code lockFile}. A holder removes the lock file
   * before releasing it (no lock file is left behind), so a process that opened the old file just
   * before may lock a file nobody else can see. Only lock holders write to the file, each its own
   * token, so the file at the path shows our token exactly when it is the one we locked.
   */
  private static boolean holdsThePath(FileChannel channel, Path lockFile) throws IOException {
    byte[] token = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(token), 0);
    channel.force(false);
    try {
      return Arrays.equals(Files.readAllBytes(lockFile), token);
    } catch (NoSuchFileException removed) {
      return false;
    }
  }

  private static SmileException alreadyRunning(Path lockFile) {
    return new SmileException(
        SmileException.Kind.CONFLICT,
        "loop already running: another loop holds the lock " + lockFile);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing was locked through this channel; closing it is only tidying up.
    }
  }

  public Path stateFile() {
    return stateFile;
  }

  /** Replaces the state file atomically with {@code json}. */
  public void save(String json) {
    Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
    try {
      // A fresh file: never write through a link or into a file someone else left there.
      Files.deleteIfExists(tmp);
      Files.writeString(tmp, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      try {
        Files.move(
            tmp, stateFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write loop state to " + stateFile, e);
    }
  }

  /** Removes the state file (after success or an explicit stop). */
  public void delete() {
    try {
      if (isStateFile(stateFile)) { // never a file someone put there in the meantime
        Files.delete(stateFile);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove loop state " + stateFile, e);
    }
  }

  /** The default {@code .smile} folder goes too once nothing is left in it. */
  private void removeEmptyStateFolder() throws IOException {
    Path folder = stateFile.toAbsolutePath().getParent();
    if (folder != null && folder.getFileName().toString().equals(".smile")) {
      try {
        Files.deleteIfExists(folder);
      } catch (java.nio.file.DirectoryNotEmptyException inUse) {
        // Still holds a state file, a token or a log: it stays.
      }
    }
  }

  /** Reads a state file, if there is one. */
  public static Optional<String> read(Path stateFile) {
    try {
      return Files.isRegularFile(stateFile)
          ? Optional.of(Files.readString(stateFile, StandardCharsets.UTF_8))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read loop state " + stateFile, e);
    }
  }

  @Override
  public void close() {
    try {
      // Removed while still held; see holdsThePath for why a late opener notices.
      Files.deleteIfExists(lockFile);
      lock.release();
      channel.close();
      removeEmptyStateFolder();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the loop lock " + lockFile, e);
    }
  }
}
