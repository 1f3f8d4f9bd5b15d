// The projector's activity board: every activity's slot, place and places left, live.
// A projector view (see static/js/projector/views.js).
import { EVENTS } from "../core/events.js";
import { feedView } from "../projector/feed-view.js";
import { rnt, rt } from "../projector/room-language.js";

const STYLESHEET = "/static/css/activities.css";

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
  const list = document.createElement("ol");
  list.className = "projector-activities";
  root.replaceChildren(list);
  let activities = [];

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

  return feedView(ctx, {
    stylesheet: STYLESHEET,
    stateEvent: EVENTS.ACTIVITIES_STATE,
    changedEvent: EVENTS.ACTIVITIES_CHANGED,
    fromAck: (ack) => ack.activities,
    fromChange: (envelope) => envelope.data.activities,
    show(next) {
      activities = next ?? activities;
      draw();
    },
  });
}
