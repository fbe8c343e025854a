package dev.smileloop.report.control;

import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.report.entity.Report;

/**
 * Remembers finished runs. The run history implements it, so the report component hands each
 * finished report over (and gets it back compared with the previous run) without knowing how or
 * where runs are stored.
 */
@FunctionalInterface
public interface RunMemory {

  /**
   * Stores the finished run of {@code loop} and answers its report marked against the previous run
   * of the same tutorial. Never throws: when the history cannot be used, answers {@code report}
   * unchanged, so a report is never lost to the database.
   */
  Report remember(Report report, LoopSnapshot loop);
}
