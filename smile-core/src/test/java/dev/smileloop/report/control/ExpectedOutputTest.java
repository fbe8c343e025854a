package dev.smileloop.report.control;

import dev.smileloop.report.entity.Report;
import dev.smileloop.report.entity.ReportFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every format of every representative loop, against the committed expected files. */
class ExpectedOutputTest {

  static Stream<Arguments> scenariosAndFormats() {
    return Scenarios.all().stream()
        .flatMap(s -> Stream.of(ReportFormat.values()).map(f -> Arguments.of(s.name(), f)));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("scenariosAndFormats")
  void rendersAsCommitted(String scenario, ReportFormat format) {
    Report report =
        Scenarios.all().stream()
            .filter(s -> s.name().equals(scenario))
            .findFirst()
            .orElseThrow()
            .report();
    String extension = format.fileName().substring("smile-report".length());
    if (format == ReportFormat.AUDIT_LOG) {
      extension = ".audit.log";
    }
    ExpectedFiles.assertMatches(scenario + extension, new ReportRenderer().render(report, format));
  }
}
