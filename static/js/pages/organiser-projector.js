// The organiser's projector controls: the forms work on their own; this keeps the countdown ticking
// between form posts, computed like the projector does, from the stored end time and the server's clock.
import { readPageState } from "../core/page-state.js";
import { timerReading } from "../projector/chrome.js";

const state = readPageState();
const offsetMs = Date.parse(state.server_time) - Date.now();
const readout = document.getElementById("timer-readout");
const label = document.getElementById("timer-state");
const LABELS = { running: "running", paused: "paused", ready: "ready", done: "time is up" };

function paint() {
  const reading = timerReading(state.projector.timer, Date.now() + offsetMs);
  if (!reading) return;
  readout.textContent = reading.text;
  label.textContent = LABELS[reading.state];
}

paint();
if (state.projector.timer.running) setInterval(paint, 250);
