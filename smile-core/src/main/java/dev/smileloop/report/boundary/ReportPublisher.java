package dev.smileloop.report.boundary;

import dev.smileloop.loop.control.LoopSnapshot;
import dev.smileloop.loop.control.ReportSink;
import dev.smileloop.provider.boundary.AgentCatalog;
import dev.smileloop.report.control.ReportBuilder;
import dev.smileloop.report.control.ReportRenderer;
import dev.smileloop.report.control.ReportWriter;
import dev.smileloop.report.control.RunMemory;
import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportFormat;
import dev.smileloop.report.entity.WriteResult;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The gap report: written to the loop's {@code outputDir} whenever a loop ends, and rendered on
 * demand (while a loop runs, too) for the REST API.
 */
@ApplicationScoped
public class ReportPublisher implements ReportSink {

  private static final Logger LOG = Logger.getLogger(ReportPublisher.class.getName());

  @Inject Clock clock;

  @Inject AgentCatalog agents;

  /** The run history, when deployed: it stores each finished run and marks what changed. */
  @Inject Instance<RunMemory> history;

  private ReportBuilder builder;
  private ReportRenderer renderer;
  private ReportWriter writer;

  @PostConstruct
  void init() {
    builder = new ReportBuilder();
    renderer = new ReportRenderer();
    writer = new ReportWriter(clock);
  }

  /**
   * Writes every format; falls back to standard output when the files cannot be written. Answers
   * where the reports went: the output folder, or {@code stdout}.
   */
  @Override
  public String publish(LoopSnapshot loop) {
    Report report = report(loop);
    report = history.isResolvable() ? history.get().remember(report, loop) : report;
    WriteResult result = writer.write(report, loop.config().outputDirPath());
    LOG.info(() -> "reports of loop " + loop.state().loopId() + ": " + result.paths());
    return result.printedToStdout() ? "stdout" : result.outputDir().toString();
  }

  /** One format of the report of {@code loop} as it stands now. */
  public String render(LoopSnapshot loop, ReportFormat format) {
    return renderer.render(report(loop), format);
  }

  /** The report of {@code loop} as it stands now. */
  public Report report(LoopSnapshot loop) {
    return builder.build(
        loop.state(),
        loop.tutorial(),
        loop.config(),
        clock,
        agents.llmCalls(loop.state().loopId()));
  }
}
