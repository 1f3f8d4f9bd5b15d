// One cluster as the room sees it: its label, how many notes it holds, their mix of perspectives (the
// legend's symbols) and of groups, then as many of its notes in full as its cell has room for.
// User text goes in through textContent only (showUserText gives labels dir="auto", which isolates them);
// strings built around a label go through isolate().
import { groupMix, perspectiveMix, shortName } from "./clusters.js";
import { PERSPECTIVE_SYMBOLS } from "./tree-legend.js";
import { isolate, showUserText } from "../core/user-text.js";
import { rnt } from "./room-language.js";

const NO_PERSPECTIVE_SYMBOL = "○";

function span(className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

function mixLine(cluster, store) {
  const line = document.createElement("p");
  line.className = "cluster-mix";
  const { perspectives, groups } = store.structure;
  const mix = perspectiveMix(cluster.notes, perspectives);
  // Boards whose notes carry no perspective (ideas, the washing line) need no perspective mix.
  for (const { index, name, count } of mix.length === 1 && mix[0].index < 0 ? [] : mix) {
    const symbol = index >= 0 ? PERSPECTIVE_SYMBOLS[index % PERSPECTIVE_SYMBOLS.length] : NO_PERSPECTIVE_SYMBOL;
    const item = span(`mix-item mix-perspective ${index >= 0 ? `persp-${index}` : "persp-none"}`, `${symbol} ${count}`);
    item.title = `${isolate(name)}: ${count}`;
    line.append(item);
  }
  for (const { group, count } of groupMix(cluster.notes, groups)) {
    const item = span("mix-item mix-group", `${shortName(group.name)} ${count}`);
    item.style.setProperty("--group-colour", group.colour);
    item.title = `${isolate(group.name)}: ${count}`;
    line.append(item);
  }
  return line;
}

// The heading part alone, also used to measure how tall a heading is at a cell width: the label on its
// own line(s), then one wrapping line with the count first and the mixes after it.
export function clusterHead(cluster, store) {
  const head = document.createElement("div");
  head.className = "cluster-head";
  const label = document.createElement("h2");
  label.className = "cluster-label";
  showUserText(label, cluster.label);
  const count = document.createElement("span");
  count.className = "cluster-count";
  count.textContent = rnt("{n} note", "{n} notes", cluster.count);
  const line = mixLine(cluster, store);
  line.prepend(count);
  head.append(label, line);
  return head;
}

export function clusterCard(cluster, store, { part = "" } = {}) {
  const card = document.createElement("article");
  card.className = `tree-cluster cluster-${cluster.kind}${part ? ` cluster-${part}` : ""}`;
  card.dataset.clusterKey = cluster.key;
  card.dataset.count = String(cluster.count);
  card.dataset.noteIds = cluster.notes.map((note) => note.id).join(" ");
  const body = document.createElement("div");
  body.className = "cluster-notes";
  card.append(clusterHead(cluster, store), body);
  return card;
}

// The clusters a "more" cluster stands for, one line each, for the room under its heading.
export function memberLines(cluster) {
  return (cluster.members ?? []).map((member) => {
    const line = document.createElement("p");
    line.className = "cluster-member";
    const label = document.createElement("span");
    showUserText(label, member.label);
    // The count first: after a right-to-left label it would read as part of it.
    line.append(span("cluster-member-count", `${member.count} · `), label);
    return line;
  });
}
