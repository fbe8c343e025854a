// What the page knows about the loop, built from the server's LoopState (authoritative for every
// iteration the Student has reported) and the live student_progress events (for the iteration in
// progress). A page that joins late and one that watched from the start end up with the same model.

export const TERMINAL = ["completed", "max_iterations", "blocker", "timeout", "error", "stopped"];

export function isActive(status) {
  return !!status && status !== "idle" && !TERMINAL.includes(status);
}

export class LoopModel {
  constructor() {
    this.state = null; // the last LoopState from the server
    this.live = new Map(); // iteration -> command records seen live, in order
    this.tutorial = null; // {loopId, name, content, llmProvider, mentor}
    this.report = null; // the JSON report
    this.missedLive = false; // a replay gap lost live events of the running iteration
  }

  /** A student_progress event: one command of the running iteration. */
  addProgress(payload, seq) {
    const list = this.live.get(payload.iteration) || [];
    if (!list.some((c) => c.seq === seq)) list.push({ ...payload, seq });
    this.live.set(payload.iteration, list);
  }

  /** An iteration began: whatever was kept for it or later ones belongs to an earlier loop. */
  startIteration(iteration) {
    for (const key of [...this.live.keys()]) {
      if (key >= iteration) this.live.delete(key);
    }
  }

  setState(state) {
    if (this.state && state.loopId !== this.state.loopId) {
      this.report = null;
      this.missedLive = false;
    }
    this.state = state;
  }

  /** Every iteration to show, oldest first, each with its commands and the dialogue. */
  iterations() {
    const state = this.state;
    if (!state || !state.loopId) return [];
    const byNumber = new Map();
    for (const record of state.history || []) byNumber.set(record.iteration, record);
    const last = Math.max(state.iteration || 0, ...byNumber.keys(), 0);
    const notes = new Map((state.mentorNotes || []).map((n) => [n.iteration, n]));
    const result = [];
    for (let n = 1; n <= last; n++) {
      const record = byNumber.get(n);
      const output = record ? record.studentOutput : null;
      const reported = output && Array.isArray(output.commands) && output.commands.length > 0;
      result.push({
        iteration: n,
        record,
        output,
        note: notes.get(n) || null,
        mentorOutput: record ? record.mentorOutput : null,
        commands: reported ? output.commands : this.live.get(n) || [],
        running: !record && isActive(state.status),
      });
    }
    return result;
  }

  /** The tutorial line being worked on: the last command's line, else where the Student stopped. */
  currentLine() {
    const its = this.iterations();
    for (let i = its.length - 1; i >= 0; i--) {
      const it = its[i];
      if (it.running) {
        const withLine = it.commands.filter((c) => c.line > 0);
        if (withLine.length) return withLine[withLine.length - 1].line;
        return 0;
      }
      if (it.output && it.output.location && it.output.location.line > 0) {
        return it.output.location.line;
      }
      const withLine = it.commands.filter((c) => c.line > 0);
      if (withLine.length) return withLine[withLine.length - 1].line;
    }
    return 0;
  }

  /** The question waiting for a human mentor, or null. */
  pendingQuestion() {
    const state = this.state;
    if (!state || !isActive(state.status)) return null;
    if (!this.tutorial || this.tutorial.mentor !== "human" || this.tutorial.loopId !== state.loopId) {
      return null;
    }
    const history = state.history || [];
    const last = history[history.length - 1];
    if (!last || last.mentorOutput != null || !last.studentOutput) return null;
    if (last.studentOutput.status !== "ask_mentor") return null;
    if (last.iteration !== state.iteration) return null;
    return { key: state.loopId + "/" + last.iteration, iteration: last.iteration, output: last.studentOutput };
  }

  gapsByLine() {
    const map = new Map();
    for (const gap of (this.report && this.report.gaps) || []) {
      const line = gap.location && gap.location.line;
      if (!line) continue;
      if (!map.has(line)) map.set(line, []);
      map.get(line).push(gap);
    }
    return map;
  }

  findings() {
    const seen = new Set();
    const all = [];
    const add = (f) => {
      const key = [f.kind, f.line, f.command, f.evidence].join("|");
      if (!seen.has(key)) {
        seen.add(key);
        all.push(f);
      }
    };
    ((this.report && this.report.environmentFindings) || []).forEach(add);
    for (const record of (this.state && this.state.history) || []) {
      const output = record.studentOutput || {};
      (output.environmentFindings || []).forEach(add);
    }
    return all;
  }
}
