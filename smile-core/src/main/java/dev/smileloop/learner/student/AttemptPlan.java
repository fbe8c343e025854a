package dev.smileloop.learner.student;

import dev.smileloop.agent.entity.MentorNote;
import dev.smileloop.learner.control.AmbiguityDetector;
import dev.smileloop.learner.entity.BlockKind;
import dev.smileloop.learner.entity.CodeBlock;
import dev.smileloop.learner.entity.Command;
import dev.smileloop.learner.entity.Step;
import dev.smileloop.learner.entity.StepKind;
import dev.smileloop.learner.entity.TutorialStructure;
import dev.smileloop.learner.entity.VagueInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the learner will do, built from the tutorial's structure before anything runs: run each
 * command, save each file body, read (and say it did not run) illustrations and code in other
 * languages, and judge vague steps. Prerequisites sections are read, not run.
 */
record AttemptPlan(List<Action> actions, String nothingToValidate) {

  AttemptPlan {
    actions = List.copyOf(actions);
  }

  /** Something the learner does at a place in the tutorial. */
  sealed interface Action {
    Step step();

    int line();

    int endLine();
  }

  /** Run one command of a shell or console block; {@code index} is its place in the block. */
  record Run(Step step, CodeBlock block, Command command, int index) implements Action {
    public int line() {
      return command.line();
    }

    public int endLine() {
      return command.endLine();
    }

    boolean first() {
      return index == 0;
    }

    boolean last() {
      return index == block.commands().size() - 1;
    }
  }

  record Save(Step step, CodeBlock block) implements Action {
    public int line() {
      return block.fenceLine();
    }

    public int endLine() {
      return block.endLine();
    }
  }

  /** A block read but not run: an illustration or code in another language. */
  record Read(Step step, CodeBlock block) implements Action {
    public int line() {
      return block.fenceLine();
    }

    public int endLine() {
      return block.endLine();
    }
  }

  record Vague(Step step, VagueInstruction instruction) implements Action {
    public int line() {
      return instruction.line();
    }

    public int endLine() {
      return instruction.line();
    }
  }

  static AttemptPlan of(TutorialStructure structure) {
    List<Action> actions = new ArrayList<>();
    for (Step step : structure.steps()) {
      if (step.kind() == StepKind.PREREQUISITES) {
        continue;
      }
      AmbiguityDetector.find(step).ifPresent(vague -> actions.add(new Vague(step, vague)));
      for (CodeBlock block : step.blocks()) {
        switch (block.kind()) {
          case SHELL, CONSOLE -> {
            for (int i = 0; i < block.commands().size(); i++) {
              actions.add(new Run(step, block, block.commands().get(i), i));
            }
          }
          case FILE -> actions.add(new Save(step, block));
          case SKIPPED, ILLUSTRATION -> actions.add(new Read(step, block));
          case OUTPUT -> {
            // Output shown for comparison is read with its command block, not run.
          }
        }
      }
    }
    return new AttemptPlan(actions, nothingToValidate(structure, actions));
  }

  /** Why nothing would be validated, or null when something runs or is saved. */
  private static String nothingToValidate(TutorialStructure structure, List<Action> actions) {
    boolean works = actions.stream().anyMatch(a -> a instanceof Run || a instanceof Save);
    if (works) {
      return null;
    }
    List<CodeBlock> blocks = structure.blocks();
    if (structure.document().blocks().isEmpty()) {
      return "the tutorial is empty";
    }
    if (blocks.isEmpty()) {
      return "no code blocks";
    }
    boolean inPrerequisites =
        structure.steps().stream()
            .filter(step -> step.kind() == StepKind.PREREQUISITES)
            .anyMatch(step -> step.blocks().stream().anyMatch(CodeBlock::runs));
    if (blocks.stream().allMatch(b -> b.kind() == BlockKind.ILLUSTRATION)) {
      return "all " + count(blocks.size()) + " were illustrations, not meant to run";
    }
    return "no block is a command to run or a file to write: "
        + describe(blocks)
        + (inPrerequisites ? " (commands in the prerequisites are read, not run)" : "");
  }

  private static String count(int blocks) {
    return blocks == 1 ? "1 code block" : blocks + " code blocks";
  }

  private static String describe(List<CodeBlock> blocks) {
    Map<String, Integer> kinds = new HashMap<>();
    for (CodeBlock block : blocks) {
      String kind =
          switch (block.kind()) {
            case ILLUSTRATION -> "illustration";
            case OUTPUT -> "output or text";
            case SKIPPED -> "code in another language";
            default -> "command in a prerequisites section";
          };
      kinds.merge(kind, 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    kinds.forEach((kind, n) -> parts.add(n + " " + kind));
    parts.sort(String::compareTo);
    return String.join(", ", parts);
  }

  /**
   * A note applies just before the first action at or after its line: the failing command, the
   * vague sentence, or whatever comes next ({@code actions.size()}: after the last).
   */
  Map<Integer, List<MentorNote>> anchor(List<MentorNote> notes) {
    Map<Integer, List<MentorNote>> notesAt = new HashMap<>();
    for (MentorNote note : notes) {
      if (note.location() == null || note.location().line() <= 0) {
        continue;
      }
      int line = note.location().line();
      int index = actions.size();
      for (int i = 0; i < actions.size(); i++) {
        Action action = actions.get(i);
        if (action.line() >= line || action.endLine() >= line) {
          index = i;
          break;
        }
      }
      notesAt.computeIfAbsent(index, k -> new ArrayList<>()).add(note);
    }
    return notesAt;
  }
}
