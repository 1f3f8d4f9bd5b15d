// A note as the projector draws it: the shared card (text, perspective by word and shape, group badge),
// its text direction taken from its own words (Arabic and Hebrew read right to left), and its votes.
import { noteCard, perspectiveLabel } from "../core/note-card.js";
import { showUserText } from "../core/user-text.js";
import { rnt } from "./room-language.js";

export function projectorCard(note, store, { animate = false } = {}) {
  const card = noteCard(note, store, "div");
  card.classList.add("projector-note");
  const text = card.querySelector(".note-text");
  if (text) text.dir = "auto";
  // Initials keep the badge on one line of a narrow card; the legend spells them out.
  const tag = card.querySelector(".perspective-tag");
  if (tag) showUserText(tag, perspectiveLabel(tag.title));
  const perspective = card.dataset.perspective;
  card.classList.add(perspective === undefined ? "persp-none" : `persp-${perspective}`);
  if (typeof note.votes === "number") {
    const votes = document.createElement("p");
    votes.className = "note-votes";
    votes.textContent = `★ ${rnt("{n} vote", "{n} votes", note.votes)}`;
    card.prepend(votes);
  }
  if (animate) card.classList.add("is-new");
  return card;
}

// A gentle, stable tilt per note (the same note always hangs the same way on every screen).
export function tiltFor(noteId, maxDegrees) {
  const steps = [-1, 0.4, -0.5, 1, -0.2, 0.7];
  return `${(steps[noteId % steps.length] * maxDegrees).toFixed(2)}deg`;
}
