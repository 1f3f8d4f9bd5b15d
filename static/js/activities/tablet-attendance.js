// Attendance on the facilitator's tablet: the booked people of one activity, each with a "came" box.
// Reads and writes through the HTTP API with the tablet's own link token (no cookie, so no CSRF token).
import { EVENTS } from "../core/events.js";
import { t } from "../core/i18n.js";
import { isolate } from "../core/user-text.js";

export function mountAttendance(state, live) {
  const select = document.getElementById("attendance-activity");
  if (!select) return;
  const list = document.getElementById("attendance-list");
  const status = document.getElementById("attendance-status");
  const api = `/api/v1/workshops/${state.workshop_id}`;
  const headers = { Authorization: `Bearer ${state.token}`, "Content-Type": "application/json" };
  let roster = [];

  function drawPeople() {
    const activity = roster.find((a) => String(a.id) === select.value);
    const booked = activity ? activity.signups.filter((s) => s.status === "booked") : [];
    if (!booked.length) {
      const empty = document.createElement("li");
      empty.textContent = t("Nobody has a place yet.");
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(
      ...booked.map((signup) => {
        const item = document.createElement("li");
        const label = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.checked = signup.attended;
        box.addEventListener("change", () => mark(signup, box));
        label.append(box, " ", t("{name} came", { name: isolate(signup.name) }));
        item.append(label);
        return item;
      }),
    );
  }

  function draw() {
    const chosen = select.value;
    select.replaceChildren(
      ...roster.map((activity) => {
        const option = document.createElement("option");
        option.value = String(activity.id);
        const item = `${activity.starts_at} ${activity.title}`;
        option.textContent = activity.status === "cancelled" ? t("{item} (cancelled)", { item }) : item;
        return option;
      }),
    );
    if (roster.some((a) => String(a.id) === chosen)) select.value = chosen;
    drawPeople();
  }

  async function load() {
    const response = await fetch(`${api}/activities/roster`, { headers });
    if (!response.ok) return;
    roster = (await response.json()).activities;
    draw();
  }

  async function mark(signup, box) {
    const response = await fetch(`${api}/activity-signups/${signup.id}/attendance`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ attended: box.checked }),
    });
    const body = await response.json();
    if (!response.ok) {
      box.checked = !box.checked;
      status.textContent = body.message;
      return;
    }
    signup.attended = body.attended;
    status.textContent = body.attended ? t("Saved: {name} came.", { name: isolate(signup.name) }) : t("Saved: {name} did not come.", { name: isolate(signup.name) });
  }

  select.addEventListener("change", drawPeople);
  live.socket.on(EVENTS.ACTIVITIES_CHANGED, load);
  live.socket.on("connect", load);
  if (live.socket.connected) load();
}
