package dev.smileloop.loop.control;

/**
 * Where a finished loop's reports go. The report component implements it, so the loop hands its
 * result over without knowing how reports are made.
 */
@FunctionalInterface
public interface ReportSink {

  /** Writes the reports of a finished loop; answers where they went (a folder, or "stdout"). */
  String publish(LoopSnapshot loop);
}
