package dev.smileloop.history.entity;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * Everything stored about one run: its summary, gaps (including the fixed ones), environment
 * findings, the configuration it ran with, the assumed-environment manifest when the report had one
 * (else JSON null), and the whole JSON report document, so fields added later are never lost.
 */
public record RunDetail(
    RunSummary run,
    List<RunGap> gaps,
    List<RunFinding> environmentFindings,
    JsonValue config,
    JsonValue manifest,
    JsonValue report) {

  public RunDetail {
    gaps = List.copyOf(gaps);
    environmentFindings = List.copyOf(environmentFindings);
  }
}
