// Entry point of the organiser's evaluation page: live charts, the comment review queue, and the
// builder's type-specific fields. The builder itself is plain forms; this only makes them tidier.
import { renderResults } from "../evaluation/evaluation-charts.js";
import { showConnection } from "../core/connection-status.js";
import { EvaluationStore } from "../evaluation/evaluation-live.js";
import { connectLive } from "../core/live.js";
import { N_, t } from "../core/i18n.js";
import { readPageState } from "../core/page-state.js";
import { isolate, showUserText } from "../core/user-text.js";

const state = readPageState();
const store = new EvaluationStore(state);
const charts = document.getElementById("results-charts");
const reviewList = document.getElementById("review-list");
const reviewError = document.getElementById("review-error");
const responseCount = document.getElementById("response-count");
const statusWord = document.getElementById("evaluation-status-word");
const csrfToken = document.getElementById("csrf-token").value;
const reviewUrl = `/api/v1/workshops/${state.workshop_id}/evaluation/review`;

const DECISIONS = [
  { decision: "approved", label: N_("Approve"), className: "primary" },
  { decision: "rejected", label: N_("Hide"), className: "danger" },
];
let reviewedOpen = false;
const STATE_LABELS = { pending: N_("Waiting for review"), approved: N_("Approved: shown"), rejected: N_("Hidden") };
const STATUS_WORDS = { draft: N_("draft"), open: N_("open"), closed: N_("closed") };

function el(name, className, text = null) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== null) showUserText(node, text);
  return node;
}

function showAll(view) {
  renderResults(charts, view.results, { emptyText: t("No questions yet.") });
  responseCount.textContent = String(view.results?.responses ?? 0);
  const status = view.questionnaire?.status ?? "draft";
  statusWord.textContent = STATUS_WORDS[status] ? t(STATUS_WORDS[status]) : status;
  statusWord.dataset.status = view.questionnaire?.status ?? "draft";
  renderReview(view.free_text ?? []);
}

function renderReview(answers) {
  // Newest waiting comments first: that is what the organiser has not read yet.
  const order = { pending: 0, approved: 1, rejected: 2 };
  const sorted = [...answers].sort((a, b) => order[a.moderation] - order[b.moderation] || b.id - a.id);
  const items = sorted.map((answer) => {
    const item = el("li", "review-item");
    item.dataset.moderation = answer.moderation;
    item.dataset.answerId = answer.id;
    item.append(el("p", "muted small", answer.prompt), el("p", "review-text", answer.text));
    item.append(el("p", "review-state", STATE_LABELS[answer.moderation] ? t(STATE_LABELS[answer.moderation]) : answer.moderation));
    const actions = el("div", "question-actions");
    for (const { decision, label, className } of DECISIONS) {
      if (answer.moderation === decision) continue;
      const button = el("button", className, t(label));
      button.type = "button";
      button.append(el("span", "visually-hidden", `: ${isolate(answer.text.slice(0, 60))}`));
      button.addEventListener("click", () => moderate(answer.id, decision));
      actions.append(button);
    }
    item.append(actions);
    return item;
  });
  // Waiting comments stay in view; the reviewed ones fold away so a long day stays one screen.
  const waiting = items.filter((item) => item.dataset.moderation === "pending");
  const reviewed = items.filter((item) => item.dataset.moderation !== "pending");
  if (!waiting.length) waiting.push(el("li", "muted", items.length ? t("Nothing waiting for review.") : t("No comments yet.")));
  if (reviewed.length) {
    const fold = el("li", "reviewed");
    const details = el("details");
    details.open = reviewedOpen;
    details.addEventListener("toggle", () => {
      reviewedOpen = details.open;
    });
    const list = el("ul", "review-list");
    list.append(...reviewed);
    details.append(el("summary", null, t("Reviewed comments ({count})", { count: reviewed.length })), list);
    fold.append(details);
    waiting.push(fold);
  }
  reviewList.replaceChildren(...waiting);
}

async function refresh() {
  try {
    const response = await fetch(reviewUrl, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (body.ok) showAll(body);
  } catch {
    // Offline for a moment: the next change or reconnect refreshes again.
  }
}

async function moderate(answerId, decision) {
  reviewError.hidden = true;
  try {
    const response = await fetch(`/api/v1/workshops/${state.workshop_id}/evaluation/answers/${answerId}/moderation`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
      body: JSON.stringify({ decision }),
    });
    const body = await response.json();
    if (!body.ok) throw new Error(body.message);
  } catch (error) {
    reviewError.textContent = error.message || t("Could not save; try again.");
    reviewError.hidden = false;
  }
  refresh();
}

// Show only the fields that apply to the chosen question type (all are shown without JavaScript).
for (const form of document.querySelectorAll("[data-question-form]")) {
  const select = form.querySelector("[data-kind-select]");
  const update = () => {
    for (const block of form.querySelectorAll("[data-for-kinds]")) {
      block.hidden = !block.dataset.forKinds.split(" ").includes(select.value);
    }
  };
  select.addEventListener("change", update);
  update();
}

const status = document.getElementById("connection");
connectLive({
  auth: { workshop_id: state.workshop_id },
  store,
  onStatus: (value, detail) => {
    showConnection(status, value, detail);
    if (value === "online") refresh();
  },
});
store.subscribe(() => refresh());
showAll(state);
