package dev.smileloop.report.entity;

import java.util.List;

/**
 * Everything the loop did that can be checked afterwards: its iterations, every command, every file
 * created and every LLM call.
 */
public record AuditTrail(
    List<IterationAudit> iterations,
    List<CommandAudit> commands,
    List<FileAudit> files,
    List<LlmCall> llmCalls) {

  public AuditTrail {
    iterations = List.copyOf(iterations == null ? List.of() : iterations);
    commands = List.copyOf(commands == null ? List.of() : commands);
    files = List.copyOf(files == null ? List.of() : files);
    llmCalls = List.copyOf(llmCalls == null ? List.of() : llmCalls);
  }
}
