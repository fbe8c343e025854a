package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.EnvironmentFinding;
import dev.smileloop.agent.entity.StudentOutput.Notice;
import dev.smileloop.learner.entity.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record of one attempt, kept as it happens: every command run, what the learner tried and
 * skipped, the files it wrote, the notices (difficulties got past or read on past), the environment
 * findings, and the difficulties it could not get past, in the order it met them.
 */
final class AttemptLog {

  final List<CommandRecord> records = new ArrayList<>();
  final List<String> commandsRun = new ArrayList<>();
  final List<String> attempted = new ArrayList<>();
  final List<String> files = new ArrayList<>();
  final List<String> skipped = new ArrayList<>();
  final List<Notice> notices = new ArrayList<>();
  final List<EnvironmentFinding> findings = new ArrayList<>();

  /** Difficulties the learner asks about (the first) or reads on past (the rest). */
  final List<Difficulty> asking = new ArrayList<>();

  /** Difficulties met while asking about them is switched off. */
  final List<Difficulty> unresolved = new ArrayList<>();

  final Set<Integer> advisedLines = new HashSet<>();
  final Map<Integer, String> fixedLines = new HashMap<>();
  final Set<Step> stepsReached = new LinkedHashSet<>();
  String currentStep = "";

  void command(CommandRecord record) {
    records.add(record);
    commandsRun.add(record.command());
  }

  void tried(String action) {
    attempted.add(action);
  }

  void notice(Notice notice) {
    notices.add(notice);
  }

  void finding(EnvironmentFinding finding) {
    findings.add(finding);
  }

  /** All difficulties the attempt could not get past, in order. */
  List<Difficulty> blockers() {
    List<Difficulty> all = new ArrayList<>(asking);
    all.addAll(unresolved);
    all.sort((a, b) -> Integer.compare(a.location().line(), b.location().line()));
    return all;
  }
}
