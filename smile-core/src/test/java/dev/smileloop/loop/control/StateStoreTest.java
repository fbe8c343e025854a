package dev.smileloop.loop.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.problem.SmileException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

  private static final String STATE =
      "{\"version\": 1, \"tutorial\": {}, \"state\": {\"loopId\": \"l1\"}}";

  @TempDir Path dir;

  @Test
  void aFinishedLoopLeavesNoLockFileAndNoEmptyStateFolder() {
    Path stateFile = dir.resolve(".smile/state.json");
    StateStore store = StateStore.acquire(stateFile);
    assertTrue(Files.exists(dir.resolve(".smile/state.json.lock")));
    store.save(STATE);
    store.delete();
    store.close();
    assertFalse(Files.exists(dir.resolve(".smile/state.json.lock")));
    assertFalse(Files.exists(dir.resolve(".smile")), "the empty .smile folder is removed");
  }

  @Test
  void aKeptStateKeepsItsFolderButNotTheLock() {
    Path stateFile = dir.resolve(".smile/state.json");
    StateStore store = StateStore.acquire(stateFile);
    store.save("{\"status\": \"blocker\"}");
    store.close();
    assertTrue(Files.exists(stateFile));
    assertFalse(Files.exists(dir.resolve(".smile/state.json.lock")));
  }

  @Test
  void theLockStillRefusesASecondLoopAndIsFreeAfterTheFirst() {
    Path stateFile = dir.resolve(".smile/state.json");
    StateStore first = StateStore.acquire(stateFile);
    SmileException refused =
        assertThrows(SmileException.class, () -> StateStore.acquire(stateFile));
    assertEquals(SmileException.Kind.CONFLICT, refused.kind());
    first.close();
    StateStore second = StateStore.acquire(stateFile);
    second.close();
  }
}
