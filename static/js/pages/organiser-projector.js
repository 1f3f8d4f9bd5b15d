// The organiser's projector controls: the forms work on their own; this keeps the countdown ticking
// between form posts, computed like the projector does, from the stored end time and the server's clock,
// and draws the zoom controls (static/js/organiser/projector-zoom.js, shared with other consoles).
import { N_, t } from "../core/i18n.js";
import { readPageState } from "../core/page-state.js";
import { mountProjectorZoom } from "../organiser/projector-zoom.js";
import { timerReading } from "../projector/chrome.js";

const state = readPageState();
const offsetMs = Date.parse(state.server_time) - Date.now();
const readout = document.getElementById("timer-readout");
const label = document.getElementById("timer-state");
const LABELS = { running: N_("running"), paused: N_("paused"), ready: N_("ready"), done: N_("time is up") };

function paint() {
  const reading = timerReading(state.projector.timer, Date.now() + offsetMs);
  if (!reading) return;
  readout.textContent = reading.text;
  label.textContent = t(LABELS[reading.state]);
}

paint();
if (state.projector.timer.running) setInterval(paint, 250);

mountProjectorZoom(document.getElementById("projector-zoom"), {
  workshopId: state.workshop_id,
  csrfToken: document.querySelector("input[name=csrf_token]").value,
});
