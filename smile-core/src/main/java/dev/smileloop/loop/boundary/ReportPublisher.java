package dev.smileloop.loop.boundary;

import dev.smileloop.loop.control.LoopSnapshot;
import jakarta.enterprise.context.ApplicationScoped;

/** Writes the reports of a loop that ended. */
@ApplicationScoped
public class ReportPublisher {

  public void publish(LoopSnapshot loop) {
    // Filled in once the report writers land.
  }
}
