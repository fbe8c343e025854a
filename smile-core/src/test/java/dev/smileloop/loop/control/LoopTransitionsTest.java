package dev.smileloop.loop.control;

import static dev.smileloop.loop.entity.LoopStatus.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.smileloop.loop.entity.LoopStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopTransitionsTest {

  @Test
  void everyStepOfTheLoopIsLegal() {
    assertTrue(LoopTransitions.isAllowed(IDLE, STARTING));
    assertTrue(LoopTransitions.isAllowed(STARTING, RUNNING_STUDENT));
    assertTrue(LoopTransitions.isAllowed(RUNNING_STUDENT, WAITING_FOR_STUDENT));
    assertTrue(LoopTransitions.isAllowed(WAITING_FOR_STUDENT, RUNNING_MENTOR));
    assertTrue(LoopTransitions.isAllowed(RUNNING_MENTOR, WAITING_FOR_MENTOR));
    assertTrue(LoopTransitions.isAllowed(WAITING_FOR_MENTOR, RUNNING_STUDENT));
    assertTrue(LoopTransitions.isAllowed(RUNNING_MENTOR, RUNNING_STUDENT));
  }

  @Test
  void everyActiveStatusCanEndInEveryTerminalStatus() {
    List<LoopStatus> active =
        List.of(STARTING, RUNNING_STUDENT, WAITING_FOR_STUDENT, RUNNING_MENTOR, WAITING_FOR_MENTOR);
    for (LoopStatus from : active) {
      for (LoopStatus to : List.of(COMPLETED, MAX_ITERATIONS, BLOCKER, TIMEOUT, ERROR, STOPPED)) {
        assertTrue(LoopTransitions.isAllowed(from, to), from + " -> " + to);
      }
    }
  }

  @Test
  void terminalStatusesAreFinalAndIllegalMovesSayWhy() {
    assertFalse(LoopTransitions.isAllowed(COMPLETED, RUNNING_STUDENT));
    assertFalse(LoopTransitions.isAllowed(STOPPED, COMPLETED));
    assertFalse(LoopTransitions.isAllowed(STARTING, RUNNING_MENTOR));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> LoopTransitions.check(IDLE, RUNNING_MENTOR));
    assertTrue(e.getMessage().contains("from idle to running_mentor"), e.getMessage());
  }
}
