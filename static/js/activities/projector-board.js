// The projector's activity board: every activity's slot, place and places left, live.
// A projector view (see static/js/projector/views.js).
import { EVENTS } from "../core/events.js";
import { rnt, rt } from "../projector/room-language.js";

const STYLESHEET = "/static/css/activities.css";

function ensureStylesheet() {
  if (document.querySelector(`link[href="${STYLESHEET}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = STYLESHEET;
  document.head.append(link);
}

function cell(className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.dir = "auto";
  element.textContent = text;
  return element;
}

function leftText(activity) {
  if (activity.status === "cancelled") return rt("Cancelled");
  if (activity.places_left > 0) return rnt("{n} place left", "{n} places left", activity.places_left);
  return activity.waiting ? rnt("Full · {n} waiting", "Full · {n} waiting", activity.waiting) : rt("Full");
}

export function create(root, ctx) {
  ensureStylesheet();
  const list = document.createElement("ol");
  list.className = "projector-activities";
  root.replaceChildren(list);
  let activities = [];
  let latest = 0;

  function draw() {
    list.replaceChildren(
      ...activities.map((activity) => {
        const item = document.createElement("li");
        item.className = "projector-activity";
        item.dataset.status = activity.status;
        item.dataset.full = String(activity.status === "open" && activity.places_left === 0);
        item.append(
          cell("slot", `${activity.starts_at}–${activity.ends_at}`),
          cell("title", activity.title),
          cell("left", leftText(activity)),
          cell("place", activity.place),
        );
        return item;
      }),
    );
  }

  function onChanged(envelope) {
    if (envelope.revision < latest) return;
    latest = envelope.revision;
    activities = envelope.data.activities;
    draw();
  }

  async function load() {
    const ack = await ctx.live.request(EVENTS.ACTIVITIES_STATE, {});
    if (!ack.ok || ack.revision < latest) return;
    latest = ack.revision;
    activities = ack.activities;
    draw();
  }

  const socket = ctx.live.socket;
  socket.on(EVENTS.ACTIVITIES_CHANGED, onChanged);
  socket.on("connect", load);
  if (socket.connected) load();

  return {
    render() {
      draw();
      ctx.setPageCount(1);
    },
    noteAdded() {},
    noteChanged() {},
    showPage() {},
    destroy() {
      socket.off(EVENTS.ACTIVITIES_CHANGED, onChanged);
      socket.off("connect", load);
    },
  };
}
