// The human-mentor panel: the Student's question with its context, and the answer form.

import { $, el } from "./dom.js";

/** The human-mentor form: shown once per question, so typing is never lost to a redraw. */
export function renderMentor(model, form) {
  const pending = model.pendingQuestion();
  const panel = $("mentor-panel");
  if (!pending) {
    if (form.key && !panel.hidden) {
      const answered = model.state && (model.state.history || []).find(
        (h) => form.key === model.state.loopId + "/" + h.iteration && h.mentorOutput != null);
      $("mentor-result").textContent = answered
        ? "This question has been answered."
        : "The loop no longer waits for this answer.";
      $("mentor-form").querySelector("button").disabled = true;
      panel.dataset.state = "answered";
    }
    return;
  }
  if (form.key === pending.key) return;
  form.key = pending.key;
  panel.hidden = false;
  panel.dataset.state = "waiting";
  $("mentor-form").querySelector("button").disabled = false;
  $("mentor-result").textContent = "";
  $("mentor-notes").value = "";
  $("mentor-fix").value = "";
  $("mentor-unresolvable").checked = false;
  const out = pending.output;
  const loc = out.location || {};
  const failing = (out.commands || []).filter((c) => c.exitCode !== 0 || c.timedOut);
  const last = failing[failing.length - 1];
  $("mentor-question").replaceChildren(
    el("p", { class: "question-text" }, out.questionForMentor || out.problem || "(no question given)"),
    el(
      "dl",
      { class: "facts" },
      el("div", {}, el("dt", {}, "Iteration"), el("dd", {}, String(pending.iteration))),
      el("div", {}, el("dt", {}, "Step"), el("dd", {}, out.currentStep || loc.heading || "–")),
      el("div", {}, el("dt", {}, "Line"), el("dd", {}, loc.line ? String(loc.line) : "–")),
    ),
    loc.quote ? el("blockquote", {}, loc.quote) : null,
    out.problem ? el("p", {}, el("strong", {}, "Problem: "), out.problem) : null,
    (out.commands || []).length
      ? el(
          "details",
          { open: true },
          el("summary", {}, "Commands run (" + out.commands.length + ")"),
          el(
            "ol",
            { class: "commands" },
            ...out.commands.map((c) =>
              el("li", {}, el("code", {}, c.command), " — exit " + c.exitCode),
            ),
          ),
        )
      : null,
    last && last.outputExcerpt ? el("pre", { class: "output error" }, last.outputExcerpt) : null,
  );
}
