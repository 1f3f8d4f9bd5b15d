// Afternoon activities on the attendee's phone: places left live, sign up or join the waiting list,
// leave, and the news meant for this phone only (promoted from the queue, an activity cancelled).
import { EVENTS } from "../core/events.js";
import { nt, t } from "../core/i18n.js";
import { isolate } from "../core/user-text.js";

function placesText(activity, mine) {
  if (activity.status === "cancelled") return t("Cancelled");
  if (mine?.status === "booked") return t("You have a place");
  if (mine?.status === "waiting") return t("You are number {position} on the waiting list", { position: mine.position });
  if (activity.places_left > 0) return nt("{n} place left", "{n} places left", activity.places_left);
  return activity.waiting ? nt("Full · {n} waiting", "Full · {n} waiting", activity.waiting) : t("Full");
}

export function mountActivities(live) {
  const list = document.getElementById("phone-activities");
  if (!list) return;
  const notice = document.getElementById("activity-notice");
  const joinCode = list.dataset.joinCode;
  let activities = [];
  let mine = new Map();
  let latest = 0;

  function button(label, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "secondary";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function draw() {
    list.replaceChildren(
      ...activities.map((activity) => {
        const own = mine.get(activity.id);
        const item = document.createElement("li");
        item.className = "phone-activity";
        item.dataset.status = activity.status;
        item.dataset.activityId = String(activity.id);
        const title = document.createElement("h3");
        title.dir = "auto";
        title.textContent = `${activity.starts_at}–${activity.ends_at} ${activity.title}`;
        const where = document.createElement("p");
        where.dir = "auto";
        where.textContent = activity.place;
        const places = document.createElement("p");
        places.className = "places";
        places.textContent = placesText(activity, own);
        item.append(title, where, places);
        if (activity.access_notes) {
          const access = document.createElement("p");
          access.className = "hint";
          access.dir = "auto";
          access.textContent = t("Access: {notes}", { notes: activity.access_notes });
          item.append(access);
        }
        if (activity.status === "open") {
          if (own) item.append(button(own.status === "booked" ? t("Give up my place") : t("Leave the waiting list"), () => send(EVENTS.ACTIVITY_LEAVE, activity)));
          else item.append(button(activity.places_left > 0 ? t("Sign up for {activity}", { activity: isolate(activity.title) }) : t("Join the waiting list for {activity}", { activity: isolate(activity.title) }), () => send(EVENTS.ACTIVITY_JOIN, activity)));
        }
        return item;
      }),
    );
  }

  function tell(text, link) {
    notice.replaceChildren(document.createTextNode(text));
    if (link) {
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      notice.append(" ", anchor);
    }
    notice.hidden = false;
  }

  async function load() {
    const ack = await live.request(EVENTS.ACTIVITIES_STATE, {});
    if (!ack.ok || ack.revision < latest) return;
    latest = ack.revision;
    activities = ack.activities;
    mine = new Map(ack.mine.map((entry) => [entry.activity_id, entry]));
    draw();
  }

  async function send(event, activity) {
    const ack = await live.request(event, { activity_id: activity.id });
    if (!ack.ok) {
      tell(ack.message);
      return;
    }
    notice.hidden = true;
    await load();
  }

  live.socket.on(EVENTS.ACTIVITIES_CHANGED, (envelope) => {
    if (envelope.revision < latest) return;
    latest = envelope.revision;
    activities = envelope.data.activities;
    draw();
    // Only a phone in a queue needs its own view again (its position may have moved); the rest of the room
    // draws from the broadcast, so one sign-up does not send every phone back to the server.
    if ([...mine.values()].some((entry) => entry.status === "waiting")) load();
  });
  live.socket.on(EVENTS.ACTIVITY_NOTICE, ({ data }) => {
    if (data.kind === "promoted") tell(t("Good news: a place freed up and it is yours: {activity}, {time}, {place}.", { activity: isolate(data.activity.title), time: data.activity.starts_at, place: isolate(data.activity.place) }));
    else if (data.kind === "cancelled") {
      const cancelled = { activity: isolate(data.activity.title) };
      const sentence = data.alternative
        ? t("{activity} is cancelled, sorry. You could try {other} ({time}, {place}) instead.", {
            ...cancelled,
            other: isolate(data.alternative.title),
            time: data.alternative.starts_at,
            place: isolate(data.alternative.place),
          })
        : t("{activity} is cancelled, sorry.", cancelled);
      tell(sentence, { href: `/interest/${joinCode}/${data.activity.id}`, text: t("Tell me about a later session") });
    }
    load();
  });
  live.socket.on("connect", load);
  if (live.socket.connected) load();
}
