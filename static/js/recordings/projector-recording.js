// The projector's graphic-recording view: the chosen image fitted to the screen, then zoomed and panned
// as the organiser's console says (recording:changed). A projector view (see static/js/projector/views.js).
import { EVENTS } from "../core/events.js";
import { feedView } from "../projector/feed-view.js";
import { rt } from "../projector/room-language.js";

const STYLESHEET = "/static/css/recordings.css";

export function create(root, ctx) {
  const stage = document.createElement("div");
  stage.className = "projector-recording";
  const image = document.createElement("img");
  image.alt = "";
  const caption = document.createElement("p");
  caption.className = "caption";
  caption.dir = "auto";
  const empty = document.createElement("p");
  empty.className = "empty";
  empty.textContent = rt("The graphic recording appears here once the organiser uploads it.");
  stage.append(image, caption, empty);
  root.replaceChildren(stage);
  let wall = null;

  // Fit (zoom 1) is the largest size showing the whole image; the centre point goes to the screen's centre.
  function place() {
    const shown = wall?.recordings.find((r) => r.id === wall.shown_id);
    image.hidden = !shown;
    caption.hidden = !shown || !shown.title;
    empty.hidden = Boolean(shown);
    root.dataset.recordingId = shown ? String(shown.id) : "";
    if (!shown) return;
    const src = `/p/${encodeURIComponent(ctx.token)}/recordings/${encodeURIComponent(shown.file)}`;
    if (image.getAttribute("src") !== src) image.setAttribute("src", src);
    image.alt = shown.title || rt("Graphic recording");
    caption.textContent = shown.title;
    const fit = Math.min(stage.clientWidth / shown.width, stage.clientHeight / shown.height);
    const scale = fit * wall.zoom;
    const [cx, cy] = wall.center;
    image.width = shown.width;
    image.height = shown.height;
    image.style.transform = `scale(${scale}) translate(${-cx * shown.width}px, ${-cy * shown.height}px)`;
    root.dataset.zoom = String(wall.zoom);
  }

  return feedView(ctx, {
    stylesheet: STYLESHEET,
    stateEvent: EVENTS.RECORDING_STATE,
    changedEvent: EVENTS.RECORDING_CHANGED,
    fromAck: (ack) => ack,
    fromChange: (envelope) => envelope.data,
    show(next) {
      wall = next ?? wall;
      place();
    },
  });
}
