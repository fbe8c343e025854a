// The dashboard: wires the REST API, the live stream, the model and the view together.

import * as api from "./api.js";
import { LiveStream } from "./live.js";
import { LoopModel, isActive } from "./model.js";
import { renderMentor } from "./mentor-view.js";
import * as view from "./view.js";

const $ = (id) => document.getElementById(id);
const model = new LoopModel();
const openKeys = new Set();
const mentorForm = { key: null };

api.adoptTokenFromLink();
api.whenUnauthorized(() => {
  $("token-panel").hidden = false;
  view.notice("The server needs its API token; enter it above.");
});
// The token panel opens only when the server asks (a 401); a server without a token needs none.

function render() {
  view.renderOverview(model, Date.now());
  view.renderTutorial(model);
  view.renderTimeline(model, openKeys);
  view.renderFindings(model);
  view.renderSummary(model);
  view.renderPast(model, openReport);
  renderMentor(model, mentorForm);
  $("stop-form").querySelector("button").disabled = !(model.state && isActive(model.state.status));
}

// ------------------------------------------------------------------ loading from the server

let refreshing = null;
let refreshAgain = false;

/** Fetches the status (and, when they may have changed, the tutorial and report), then redraws. */
function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    try {
      do {
        refreshAgain = false;
        model.setState(await api.getJson("api/status"));
        await loadTutorial();
        await loadReport();
        render();
      } while (refreshAgain);
    } catch (e) {
      if (e.status !== 401) view.notice("Could not load the loop: " + e.message);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function loadTutorial() {
  const state = model.state;
  if (!state || !state.loopId) return;
  if (model.tutorial && model.tutorial.loopId === state.loopId) return;
  try {
    model.tutorial = await api.getJson("api/tutorial");
  } catch (e) {
    if (e.status !== 404) throw e;
  }
}

let reportFor = null;

async function loadReport() {
  const state = model.state;
  if (!state || !state.loopId) return;
  const key = state.loopId + "/" + state.status + "/" + state.updatedAt + "/" + (state.reports || "");
  if (reportFor === key) return;
  try {
    model.report = await api.getJson("api/report/json");
    reportFor = key;
  } catch (e) {
    if (e.status !== 404) throw e;
  }
}

// ------------------------------------------------------------------ the live stream

const stream = new LiveStream(
  {
    onState: (state, detail) => view.setConnection(state, detail),
    onConnected: (payload, restarted) => {
      if (restarted) {
        model.live.clear();
      }
      if (payload.state) {
        model.setState(payload.state);
        render();
      }
      refresh(); // the connected state may be the reduced one; fetch the full state too
    },
    onEvent: (envelope) => {
      const p = envelope.payload || {};
      switch (envelope.event) {
        case "student_progress":
          model.addProgress(p, envelope.seq);
          render();
          return;
        case "iteration_start":
          model.startIteration(p.iteration);
          break;
        case "error":
          if (p.code === "replay_gap" || p.code === "events_dropped") {
            model.missedLive = isActive(model.state && model.state.status);
          } else if (!p.code && p.message) {
            view.notice(p.message);
          }
          break;
        default:
          break;
      }
      refresh();
    },
  },
  api.wsProtocols,
);

// ------------------------------------------------------------------ forms

$("token-form").addEventListener("submit", (e) => {
  e.preventDefault();
  api.setToken($("token-input").value);
  $("token-input").value = "";
  $("token-panel").hidden = true;
  view.notice("");
  stream.reconnect();
  refresh();
});

$("start-file").addEventListener("change", async () => {
  const file = $("start-file").files[0];
  if (file) $("start-content").value = await file.text();
});

$("start-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const result = $("start-result");
  const content = $("start-content").value;
  if (!content.trim()) {
    result.textContent = "Paste a tutorial or choose a file first.";
    return;
  }
  const body = {
    tutorialContent: content,
    config: {
      llmProvider: $("start-provider").value,
      mentor: $("start-mentor").value,
      maxIterations: Number($("start-iterations").value) || 5,
      studentBehavior: {
        patienceLevel: $("start-patience").value,
        timeoutSeconds: Number($("start-step-timeout").value) || 60,
      },
    },
  };
  const outputDir = $("start-output").value.trim();
  if (outputDir) {
    body.config.outputDir = outputDir;
    body.config.stateFile = outputDir + "/.smile/state.json";
  }
  result.textContent = "Starting…";
  try {
    const state = await api.postJson("api/loop", body);
    result.textContent = "Started loop " + state.loopId + ".";
    model.setState(state);
    render();
    refresh();
  } catch (err) {
    result.textContent = "Not started: " + err.message;
  }
});

$("stop-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const result = $("stop-result");
  try {
    const reply = await api.postJson("api/stop", { reason: $("stop-reason").value });
    result.textContent = "Stopped: " + reply.finalState.reason;
    refresh();
  } catch (err) {
    result.textContent = "Not stopped: " + err.message;
  }
});

$("mentor-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const result = $("mentor-result");
  const notes = $("mentor-notes").value.trim();
  const fix = $("mentor-fix").value.trim();
  if (!notes) {
    result.textContent = "Write an answer first.";
    return;
  }
  // A fix travels as a fenced block in the notes, the way the built-in Mentor writes it: the
  // built-in Student runs it just before the step it was stuck on.
  const mentorOutput = fix ? notes + "\n\n```bash\n" + fix + "\n```\n" : notes;
  const button = $("mentor-form").querySelector("button");
  button.disabled = true;
  try {
    await api.postJson("api/mentor/result", {
      mentorOutput,
      timestamp: new Date().toISOString(),
      unresolvable: $("mentor-unresolvable").checked,
    });
    result.textContent = "Answer sent; the Student goes on.";
    $("mentor-panel").dataset.state = "sent";
  } catch (err) {
    result.textContent =
      err.status === 503 || err.status === 409
        ? "This question has already been answered (or the loop stopped waiting): " + err.message
        : "Not sent: " + err.message;
    $("mentor-panel").dataset.state = err.status === 503 || err.status === 409 ? "answered" : "waiting";
    if (!(err.status === 503 || err.status === 409)) button.disabled = false;
  }
  refresh();
});

async function openReport(format) {
  try {
    const blob = await api.getBlob("api/report/" + format);
    const url = URL.createObjectURL(blob);
    window.open(url, "_blank", "noopener");
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (err) {
    view.notice("Could not open the " + format + " report: " + err.message);
  }
}

for (const link of document.querySelectorAll("#summary-panel a.report")) {
  link.addEventListener("click", (e) => {
    e.preventDefault();
    openReport(link.dataset.format);
  });
}

setInterval(() => view.renderOverview(model, Date.now()), 1000);
render();
refresh();
stream.start();
