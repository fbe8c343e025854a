package dev.smileloop.loop.control;

import static dev.smileloop.loop.entity.LoopStatus.*;

import dev.smileloop.loop.entity.LoopStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The legal moves of the loop's state machine (SPEC section 3). */
public final class LoopTransitions {

  private static final Set<LoopStatus> ENDINGS =
      EnumSet.of(
          COMPLETED,
          MAX_ITERATIONS,
          BLOCKER,
          TIMEOUT,
          ERROR,
          STOPPED,
          NOTHING_TO_VALIDATE,
          AGENT_ERROR);

  private static final Map<LoopStatus, Set<LoopStatus>> NEXT =
      Map.of(
          IDLE, EnumSet.of(STARTING),
          STARTING, with(RUNNING_STUDENT),
          RUNNING_STUDENT, with(WAITING_FOR_STUDENT, RUNNING_STUDENT, RUNNING_MENTOR),
          WAITING_FOR_STUDENT, with(RUNNING_STUDENT, RUNNING_MENTOR),
          RUNNING_MENTOR, with(WAITING_FOR_MENTOR, RUNNING_STUDENT),
          WAITING_FOR_MENTOR, with(RUNNING_STUDENT));

  private LoopTransitions() {}

  private static Set<LoopStatus> with(LoopStatus... statuses) {
    Set<LoopStatus> next = EnumSet.copyOf(ENDINGS);
    next.addAll(Set.of(statuses));
    return next;
  }

  public static boolean isAllowed(LoopStatus from, LoopStatus to) {
    return NEXT.getOrDefault(from, Set.of()).contains(to);
  }

  /** Throws with a message naming both states when the move is not legal. */
  public static void check(LoopStatus from, LoopStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalStateException(
          "illegal loop transition from "
              + from.wireName()
              + " to "
              + to.wireName()
              + "; allowed from "
              + from.wireName()
              + ": "
              + NEXT.getOrDefault(from, Set.of()));
    }
  }
}
