// The projector's evaluation view: live aggregated results (n, averages, bars, approved comments),
// redrawn on every evaluation:results broadcast. It never sees single responses: the server sends none.
import { renderResults } from "../evaluation/evaluation-charts.js";
import { EVENTS } from "../core/events.js";
import { rnt, rt } from "./room-language.js";
import { ensureStylesheet } from "./stylesheet.js";

const STYLESHEET = "/static/css/evaluation.css";

export function create(root, ctx) {
  ensureStylesheet(STYLESHEET);
  const view = document.createElement("div");
  view.className = "projector-evaluation";
  const count = document.createElement("p");
  count.className = "evaluation-count";
  count.setAttribute("aria-live", "polite");
  const charts = document.createElement("div");
  charts.className = "results projector-results";
  view.append(count, charts);
  root.replaceChildren(view);

  let results = null;
  let questionnaire = null;
  let latestRevision = 0;

  function draw() {
    const n = results?.responses ?? 0;
    const status = questionnaire?.status ?? results?.status ?? "draft";
    count.textContent =
      status === "draft"
        ? rt("The evaluation opens soon.")
        : status === "closed"
          ? rnt("{n} response · closed", "{n} responses · closed", n)
          : rnt("{n} response", "{n} responses", n);
    count.dataset.responses = String(n);
    renderResults(charts, results, {
      headingLevel: 2,
      commentsEmpty: rt("Comments appear here once the organisers have read them."),
      maxComments: 3,
      emptyText: rt("Results appear here as people answer on their phones."),
    });
    root.dataset.noteCount = "0";
  }

  // Envelopes can arrive out of order after a reconnect: keep the newest.
  function onResults(envelope) {
    if (envelope.revision < latestRevision) return;
    latestRevision = envelope.revision;
    results = envelope.data;
    draw();
  }

  function onChanged(envelope) {
    if (envelope.revision < latestRevision) return;
    latestRevision = envelope.revision;
    questionnaire = envelope.data.questionnaire;
    results = envelope.data.results;
    draw();
  }

  async function load() {
    const ack = await ctx.live.request(EVENTS.EVALUATION_STATE, {});
    if (!ack.ok || ack.revision < latestRevision) return;
    latestRevision = ack.revision;
    questionnaire = ack.questionnaire;
    results = ack.results;
    draw();
  }

  const socket = ctx.live.socket;
  socket.on(EVENTS.EVALUATION_RESULTS, onResults);
  socket.on(EVENTS.EVALUATION_CHANGED, onChanged);
  // After a dropped connection, ask again rather than trust that every broadcast arrived.
  socket.on("connect", load);
  load();

  return {
    render() {
      draw();
      ctx.setPageCount(1);
    },
    noteAdded() {},
    noteChanged() {},
    showPage() {},
    destroy() {
      socket.off(EVENTS.EVALUATION_RESULTS, onResults);
      socket.off(EVENTS.EVALUATION_CHANGED, onChanged);
      socket.off("connect", load);
    },
  };
}
