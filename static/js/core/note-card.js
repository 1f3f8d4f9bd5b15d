// One note as people see it: its text, and who it came from as words, shapes and colour.
// User text only ever goes in through textContent.
import { showUserText } from "./user-text.js";

export function perspectiveLabel(name) {
  return name
    .split(/\s+/)
    .map((word) => word[0] ?? "")
    .join("")
    .toUpperCase();
}

export function noteCard(note, store, tagName = "li") {
  const card = document.createElement(tagName);
  card.className = "note";
  card.dataset.noteId = String(note.id);
  card.dataset.clientId = note.client_id;

  const text = document.createElement("p");
  text.className = "note-text";
  showUserText(text, note.text);
  card.append(text);

  const meta = document.createElement("p");
  meta.className = "note-meta";
  const perspective = note.perspective_id ? store.perspective(note.perspective_id) : null;
  if (perspective) {
    const index = store.structure.perspectives.indexOf(perspective);
    card.dataset.perspective = String(index);
    const tag = document.createElement("span");
    tag.className = `perspective-tag perspective-${index}`;
    showUserText(tag, perspective.name);
    tag.title = perspective.name;
    meta.append(tag);
  }
  const group = note.group_id ? store.group(note.group_id) : null;
  if (group) {
    const badge = document.createElement("span");
    badge.className = "group-badge";
    badge.style.setProperty("--group-colour", group.colour);
    showUserText(badge, group.name);
    meta.append(badge);
  }
  if (note.author_name) {
    const author = document.createElement("span");
    author.className = "note-author";
    showUserText(author, note.author_name);
    meta.append(author);
  }
  if (meta.childElementCount) card.append(meta);
  return card;
}
