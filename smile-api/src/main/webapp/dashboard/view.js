// Draws the model into the page. Text goes in through textContent only (never innerHTML), so
// nothing a tutorial or a command prints can inject markup.

import { isActive } from "./model.js";
import { $, el, localTime, duration } from "./dom.js";

const LONG_OUTPUT = 240;

/** Output: short ones inline, long ones folded in a <details> whose open state survives redraws. */
function output(text, key, openKeys) {
  if (!text) return null;
  if (text.length <= LONG_OUTPUT && text.split("\n").length <= 4) {
    return el("pre", { class: "output" }, text);
  }
  const details = el(
    "details",
    { class: "output", "data-key": key, open: openKeys.has(key) },
    el("summary", {}, "output (" + text.split("\n").length + " lines)"),
    el("pre", {}, text),
  );
  details.addEventListener("toggle", () => {
    if (details.open) openKeys.add(key);
    else openKeys.delete(key);
  });
  return details;
}

export function renderOverview(model, now) {
  const state = model.state;
  const status = state ? state.status : "–";
  const statusNode = $("loop-status");
  statusNode.textContent = status.replace(/_/g, " ");
  statusNode.dataset.status = status;
  $("loop-iteration").textContent =
    state && state.loopId ? state.iteration + " of " + state.maxIterations : "–";
  $("loop-started").textContent = state && state.startedAt ? localTime(state.startedAt) : "–";
  if (state && state.startedAt) {
    const end = isActive(state.status) ? now : new Date(state.updatedAt).getTime();
    $("loop-elapsed").textContent = duration(Math.max(0, end - new Date(state.startedAt).getTime()));
  } else {
    $("loop-elapsed").textContent = "–";
  }
  $("loop-tutorial").textContent = (state && state.tutorial) || "–";
  const t = model.tutorial;
  $("loop-agents").textContent =
    t && state && t.loopId === state.loopId
      ? t.llmProvider + (t.mentor === "human" ? ", human mentor" : "")
      : "–";
  const reason = $("loop-reason");
  reason.hidden = !(state && state.reason);
  reason.textContent = state && state.reason ? state.reason : "";
}

export function renderTutorial(model) {
  const list = $("tutorial-lines");
  const t = model.tutorial;
  const state = model.state;
  const current = state && t && t.loopId === state.loopId ? t : null;
  $("tutorial-empty").hidden = !!current;
  if (!current) {
    list.replaceChildren();
    list.dataset.loop = "";
    return;
  }
  if (list.dataset.loop !== current.loopId) {
    const lines = current.content.split("\n");
    if (lines.length && lines[lines.length - 1] === "") lines.pop();
    list.replaceChildren(
      ...lines.map((text, i) =>
        el("li", { id: "line-" + (i + 1), "data-line": i + 1 }, el("code", {}, text || " ")),
      ),
    );
    list.dataset.loop = current.loopId;
  }
  const gaps = model.gapsByLine();
  const active = model.currentLine();
  for (const li of list.children) {
    const line = Number(li.dataset.line);
    const here = gaps.get(line);
    li.classList.toggle("gap", !!here);
    li.classList.toggle("current", line === active);
    if (line === active) li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
    const old = li.querySelector(".gap-mark");
    if (old) old.remove();
    if (here) {
      const text = here.map((g) => g.id + " (" + g.severity + "): " + g.title).join("; ");
      li.append(el("span", { class: "gap-mark", title: text }, " ◀ " + text));
    }
  }
  const currentNode = list.querySelector("li.current");
  if (currentNode && list.dataset.scrolled !== String(active)) {
    list.dataset.scrolled = String(active);
    // Scroll the tutorial box only: the page itself stays where the reader (or a typing mentor) is.
    const top = currentNode.offsetTop;
    if (top < list.scrollTop || top + currentNode.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = Math.max(0, top - list.clientHeight / 3);
    }
  }
}

function commandItem(command, iteration, index, openKeys) {
  const ok = command.exitCode === 0 && !command.timedOut;
  return el(
    "li",
    {
      class: "command " + (ok ? "ok" : "fail"),
      "data-iteration": iteration,
      "data-line": command.line,
      "data-exit": command.exitCode,
      "data-index": index,
    },
    el(
      "div",
      { class: "command-head" },
      el("span", { class: "badge" }, ok ? "ok" : command.timedOut ? "timeout" : "fail"),
      el("span", { class: "line-ref" }, command.line > 0 ? "line " + command.line : "fix"),
      el("code", { class: "command-text" }, command.command),
      el(
        "span",
        { class: "meta" },
        "exit " + command.exitCode + ", " + duration(command.durationMillis || 0),
        command.fromMentor ? ", from the Mentor" : "",
      ),
    ),
    command.limit ? el("p", { class: "limit" }, command.limit) : null,
    output(command.outputExcerpt, "out-" + iteration + "-" + index, openKeys),
  );
}

export function renderTimeline(model, openKeys) {
  const root = $("timeline");
  const sections = model.iterations().map((it) => {
    const out = it.output;
    const items = it.commands.map((c, i) => commandItem(c, it.iteration, i, openKeys));
    const parts = [
      el(
        "h3",
        {},
        "Iteration " + it.iteration,
        it.record && it.record.startedAt ? el("small", {}, " " + localTime(it.record.startedAt)) : null,
      ),
      el("ol", { class: "commands" }, ...items),
    ];
    if (it.running) parts.push(el("p", { class: "running" }, "The Student is working…"));
    if (out) {
      parts.push(
        el(
          "p",
          { class: "student", "data-status": out.status },
          el("strong", {}, "Student: " + out.status.replace(/_/g, " ")),
          out.currentStep ? " at “" + out.currentStep + "”" : "",
          out.summary ? " — " + out.summary : "",
        ),
      );
      const question = out.questionForMentor || (out.status !== "completed" ? out.problem : null);
      if (question) parts.push(el("blockquote", { class: "question" }, question));
    }
    if (it.mentorOutput) {
      parts.push(
        el(
          "div",
          { class: "mentor" },
          el("strong", {}, "Mentor"),
          el("pre", { class: "notes" }, it.mentorOutput),
        ),
      );
    }
    return el("section", { class: "iteration", "data-iteration": it.iteration }, ...parts);
  });
  // A redraw must not steal the keyboard focus from a folded output the reader is on.
  const focused = document.activeElement && document.activeElement.closest
    ? document.activeElement.closest("#timeline details[data-key]")
    : null;
  root.replaceChildren(...sections);
  if (focused) {
    const again = root.querySelector('details[data-key="' + focused.dataset.key + '"] > summary');
    if (again) again.focus();
  }
  const note = $("timeline-note");
  note.hidden = !model.missedLive;
  note.textContent = model.missedLive
    ? "Some live steps of the running iteration were missed while disconnected; they appear in full when the Student reports."
    : "";
}

export function renderFindings(model) {
  const findings = model.findings();
  $("findings").hidden = findings.length === 0;
  $("findings-list").replaceChildren(
    ...findings.map((f) =>
      el(
        "li",
        { "data-kind": f.kind },
        el("strong", {}, f.kind.replace(/_/g, " ")),
        f.line ? " (line " + f.line + ")" : "",
        f.command ? el("code", {}, " " + f.command) : "",
        f.evidence ? " — " + f.evidence : "",
        f.advice ? el("p", {}, f.advice) : null,
      ),
    ),
  );
}

export function renderSummary(model) {
  const state = model.state;
  const done = state && state.loopId && !isActive(state.status);
  $("summary-panel").hidden = !done;
  if (!done) return;
  const report = model.report;
  const counts = report && report.summary && report.summary.gapCounts;
  const gaps = (report && report.gaps) || [];
  $("summary-text").textContent =
    "Ended as " +
    state.status.replace(/_/g, " ") +
    " after " +
    state.iteration +
    " iteration(s)" +
    (report ? "; gaps found: " + gaps.length : "") +
    (counts && gaps.length
      ? " (" +
        Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => n + " " + k)
          .join(", ") +
        ")"
      : "") +
    ".";
  $("gap-list").replaceChildren(
    ...gaps.map((g) =>
      el(
        "li",
        { class: "gap-item", "data-severity": g.severity },
        el("strong", {}, g.id + " " + g.severity),
        " line " + (g.location ? g.location.line : "?") + ": " + g.title,
        g.suggestedFix ? el("p", {}, "Fix: " + g.suggestedFix) : null,
      ),
    ),
  );
}

export function renderPast(model, openReport) {
  const state = model.state;
  const list = $("past-list");
  if (!state || !state.loopId) {
    list.replaceChildren(el("li", {}, "none yet"));
    return;
  }
  const link = el("a", { href: "api/report/markdown", class: "report", "data-format": "markdown" },
    "Markdown report");
  link.addEventListener("click", (e) => {
    e.preventDefault();
    openReport("markdown");
  });
  list.replaceChildren(
    el(
      "li",
      { "data-loop": state.loopId },
      el("code", {}, state.loopId.slice(0, 8)),
      " " + (state.tutorial || "") + " — " + state.status.replace(/_/g, " ") +
        (state.startedAt ? ", started " + localTime(state.startedAt) : "") + " — ",
      link,
    ),
  );
}

export function setConnection(state, detail) {
  const node = $("connection");
  node.dataset.state = state;
  const words = { connecting: "connecting…", live: "live", offline: "disconnected" };
  node.textContent = (words[state] || state) + (detail ? " — " + detail : "");
}

export function notice(text) {
  const node = $("notice");
  node.hidden = !text;
  node.textContent = text || "";
}
