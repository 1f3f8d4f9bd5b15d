// Entry point of the phone questionnaire: draw the form from the questionnaire, send the whole form,
// and keep it editable until the organiser closes it. Text from people only ever goes in via textContent.
import { keepPageForOffline } from "../board/offline.js";
import { Announcer } from "../board/announcer.js";
import { showConnection } from "../core/connection-status.js";
import { EvaluationStore } from "../evaluation/evaluation-live.js";
import { EVENTS } from "../core/events.js";
import { connectLive } from "../core/live.js";
import { readPageState } from "../core/page-state.js";
import { isolate, showUserText } from "../core/user-text.js";
import { t } from "../core/i18n.js";

const state = readPageState();
const store = new EvaluationStore(state);
const form = document.getElementById("evaluation-form");
const container = document.getElementById("questions");
const heading = document.getElementById("evaluation-heading");
const intro = document.getElementById("evaluation-intro");
const statusLine = document.getElementById("evaluation-status");
const errorLine = document.getElementById("evaluation-error");
const submitButton = document.getElementById("evaluation-submit");
const connection = document.getElementById("connection");
const announcer = new Announcer(document.getElementById("announcer"));

// question id -> value as last saved on the server (what "my answers" are).
let saved = new Map((state.my_answers ?? []).map((a) => [a.question_id, a.value]));
let sending = false;

const live = connectLive({
  auth: { token: state.token },
  store,
  onStatus: (value, detail) => {
    showConnection(connection, value, detail);
    announcer.connectionChanged(value);
  },
});

function el(name, attributes = {}, text = null) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "className") node.className = value;
    else node.setAttribute(key, value);
  }
  if (text !== null) node.textContent = text;
  return node;
}

// The prompt in an element of its own, so the "(required)" beside it keeps its place.
function promptText(question) {
  return showUserText(el("span", {}), question.prompt);
}

function legendFor(question) {
  const legend = el("legend", { className: "question-prompt" });
  legend.append(promptText(question));
  if (question.required) legend.append(el("span", { className: "required-mark" }, " (required)"));
  return legend;
}

// `key` makes the id: the option's position, not its text (two options in another script would both become
// "___" once non-ASCII letters were replaced).
function option(question, type, value, labelText, checked, key, extraClass = "") {
  const id = `q${question.id}-${key}`;
  const input = el("input", { type, id, name: `q${question.id}`, value: String(value) });
  input.checked = checked;
  const label = el("label", { for: id, className: `answer-choice ${extraClass}`.trim() });
  if (typeof labelText === "string") showUserText(label, labelText);
  else label.append(labelText);
  return [input, label];
}

function ratingField(question, value) {
  const fieldset = el("fieldset", { className: "question rating", "data-question-id": question.id });
  fieldset.append(legendFor(question));
  const scale = el("div", { className: "rating-scale" });
  for (let score = 1; score <= 5; score += 1) {
    const text = document.createDocumentFragment();
    text.append(el("span", { className: "score" }, String(score)));
    // The ends' words are part of the radio's name for a screen reader, and shown once below the scale.
    const end = score === 1 ? question.low_label : score === 5 ? question.high_label : "";
    if (end) text.append(el("span", { className: "visually-hidden" }, ` ${isolate(end)}`));
    scale.append(...option(question, "radio", score, text, value === score, String(score)));
  }
  fieldset.append(scale);
  if (question.low_label || question.high_label) {
    const ends = el("p", { className: "rating-ends", "aria-hidden": "true" });
    ends.append(el("span", {}, question.low_label ? `1 = ${isolate(question.low_label)}` : ""));
    ends.append(el("span", {}, question.high_label ? `5 = ${isolate(question.high_label)}` : ""));
    fieldset.append(ends);
  }
  return fieldset;
}

function choiceField(question, value, multiple) {
  const fieldset = el("fieldset", { className: `question ${question.kind}`, "data-question-id": question.id });
  fieldset.append(legendFor(question));
  if (multiple && !/all that apply/i.test(question.prompt)) {
    fieldset.append(el("p", { className: "hint" }, "Choose all that apply."));
  }
  const list = el("div", { className: "choice-list" });
  question.options.forEach((text, index) => {
    const checked = multiple ? Array.isArray(value) && value.includes(text) : value === text;
    list.append(...option(question, multiple ? "checkbox" : "radio", text, text, checked, `option-${index}`));
  });
  fieldset.append(list);
  return fieldset;
}

function yesNoField(question, value) {
  const fieldset = el("fieldset", { className: "question yes_no", "data-question-id": question.id });
  fieldset.append(legendFor(question));
  const list = el("div", { className: "choice-list yes-no" });
  list.append(
    ...option(question, "radio", "yes", t("Yes"), value === true, "yes"),
    ...option(question, "radio", "no", t("No"), value === false, "no"),
  );
  fieldset.append(list);
  return fieldset;
}

function freeTextField(question, value) {
  const wrap = el("div", { className: "question free_text", "data-question-id": question.id });
  const id = `q${question.id}-text`;
  const label = el("label", { for: id, className: "question-prompt" });
  label.append(promptText(question));
  if (question.required) label.append(el("span", { className: "required-mark" }, " (required)"));
  const area = el("textarea", { id, name: `q${question.id}`, rows: "4", maxlength: "2000" });
  area.value = typeof value === "string" ? value : "";
  wrap.append(label, area);
  return wrap;
}

function field(question, value) {
  if (question.kind === "rating") return ratingField(question, value);
  if (question.kind === "single_choice") return choiceField(question, value, false);
  if (question.kind === "multiple_choice") return choiceField(question, value, true);
  if (question.kind === "yes_no") return yesNoField(question, value);
  return freeTextField(question, value);
}

// What the form says now, as the server expects it: [{question_id, value}], blanks as null.
function readAnswers() {
  return (store.questionnaire?.questions ?? []).map((question) => {
    const name = `q${question.id}`;
    if (question.kind === "free_text") {
      const text = form.elements[name]?.value.trim() ?? "";
      return { question_id: question.id, value: text || null };
    }
    const inputs = [...form.querySelectorAll(`input[name="${name}"]`)];
    const chosen = inputs.filter((input) => input.checked).map((input) => input.value);
    if (question.kind === "multiple_choice") return { question_id: question.id, value: chosen };
    if (!chosen.length) return { question_id: question.id, value: null };
    if (question.kind === "rating") return { question_id: question.id, value: Number(chosen[0]) };
    if (question.kind === "yes_no") return { question_id: question.id, value: chosen[0] === "yes" };
    return { question_id: question.id, value: chosen[0] };
  });
}

function render() {
  const questionnaire = store.questionnaire;
  // Keep what the person has typed but not yet sent when the organiser edits the form mid-way.
  const current = container.childElementCount ? new Map(readAnswers().map((a) => [a.question_id, a.value])) : saved;
  showUserText(heading, questionnaire?.title || t("Evaluation"));
  showUserText(intro, questionnaire?.intro ?? "");
  const questions = questionnaire?.questions ?? [];
  container.replaceChildren(...questions.map((q) => field(q, current.get(q.id) ?? saved.get(q.id) ?? null)));
  const status = questionnaire?.status ?? "draft";
  const open = status === "open";
  for (const control of form.querySelectorAll("input, textarea, button")) control.disabled = !open || sending;
  form.hidden = !questions.length;
  document.body.dataset.evaluation = status;
  if (status === "closed") statusLine.textContent = t("The questionnaire has closed. Thank you for taking part!");
  else if (!open) statusLine.textContent = t("The questionnaire is not open yet. Keep this page open: it appears here when it opens.");
  else if (saved.size) statusLine.textContent = t("Your answers are saved. You can change them until the questionnaire closes.");
  else statusLine.textContent = "";
  submitButton.textContent = saved.size ? t("Update my answers") : t("Send my answers");
}

function showError(message) {
  errorLine.textContent = message;
  errorLine.hidden = false;
  errorLine.focus?.();
}

// A missing answer is told at its question, not at the foot of the form behind the Send button: the
// message sits in the question, which is scrolled to the middle of the screen and its first control focused;
// answering it clears the message.
function showMissing(question) {
  clearMissing();
  const block = form.querySelector(`[data-question-id="${question.id}"]`);
  if (!block) return showError(t("Please answer: {question}", { question: isolate(question.prompt) }));
  const message = el("p", { id: `q${question.id}-error`, className: "form-error question-error" }, "Please answer this question.");
  block.append(message);
  block.classList.add("is-invalid");
  const first = block.querySelector("input, textarea");
  for (const control of block.querySelectorAll("input, textarea")) {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", message.id);
  }
  block.scrollIntoView({ block: "center" });
  first?.focus({ preventScroll: true });
}

function clearMissing() {
  for (const block of form.querySelectorAll(".question.is-invalid")) {
    block.classList.remove("is-invalid");
    block.querySelector(".question-error")?.remove();
    for (const control of block.querySelectorAll("[aria-invalid]")) {
      control.removeAttribute("aria-invalid");
      control.removeAttribute("aria-describedby");
    }
  }
}

function answeredNow() {
  const block = form.querySelector(".question.is-invalid");
  if (!block) return;
  const id = Number(block.dataset.questionId);
  const answer = readAnswers().find((a) => a.question_id === id);
  const value = answer?.value;
  if (value !== null && value !== undefined && !(Array.isArray(value) && !value.length)) clearMissing();
}
form.addEventListener("change", answeredNow);
form.addEventListener("input", answeredNow);

function missingRequired(answers) {
  const byId = new Map(answers.map((a) => [a.question_id, a.value]));
  return (store.questionnaire?.questions ?? []).find((q) => {
    const value = byId.get(q.id);
    return q.required && (value === null || (Array.isArray(value) && !value.length));
  });
}

// The socket first; when it is down, the same request over HTTP with the phone's token.
async function send(answers) {
  const ack = await live.request(EVENTS.EVALUATION_SUBMIT, { answers });
  if (ack.ok || !["offline", "timeout"].includes(ack.code)) return ack;
  try {
    const response = await fetch(`/api/v1/workshops/${state.workshop_id}/evaluation/answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${state.token}` },
      body: JSON.stringify({ answers }),
    });
    return await response.json();
  } catch {
    return { ok: false, code: "offline", message: t("No connection. Your answers are still on this page: try again.") };
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (sending) return;
  errorLine.hidden = true;
  const answers = readAnswers();
  const missing = missingRequired(answers);
  if (missing) {
    showMissing(missing);
    return;
  }
  sending = true;
  submitButton.disabled = true;
  statusLine.textContent = t("Sending…");
  const ack = await send(answers);
  sending = false;
  if (ack.ok) {
    saved = new Map(ack.answers.map((a) => [a.question_id, a.value]));
    render();
    statusLine.textContent = t("Thank you! Your answers are saved. You can change them until the questionnaire closes.");
  } else {
    render();
    statusLine.textContent = "";
    showError(ack.message || t("Your answers could not be saved; try again."));
  }
});

store.subscribe(async (change) => {
  if (change.kind === "reset") {
    const ack = await live.request(EVENTS.EVALUATION_STATE, {});
    if (ack.ok) {
      saved = new Map((ack.my_answers ?? []).map((a) => [a.question_id, a.value]));
      store.load(ack);
    }
    return;
  }
  if (change.kind === "questionnaire") render();
});

render();
keepPageForOffline();
