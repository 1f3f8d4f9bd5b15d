// Attendance on the facilitator's tablet: the booked people of one activity, each with a "came" box.
// Reads and writes through the HTTP API with the tablet's own link token (no cookie, so no CSRF token).
import { EVENTS } from "../core/events.js";

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
      empty.textContent = "Nobody has a place yet.";
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
        const name = document.createElement("bdi");
        name.textContent = signup.name;
        label.append(box, " ", name, " came");
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
        option.textContent = `${activity.starts_at} ${activity.title}${activity.status === "cancelled" ? " (cancelled)" : ""}`;
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
    status.textContent = `Saved: ${signup.name} ${body.attended ? "came" : "did not come"}.`;
  }

  select.addEventListener("change", drawPeople);
  live.socket.on(EVENTS.ACTIVITIES_CHANGED, load);
  live.socket.on("connect", load);
  if (live.socket.connected) load();
}
