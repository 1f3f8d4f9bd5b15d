// Notes grouped for a screen that cannot show them all as cards: by the themes the server found, and,
// for notes no theme holds yet, by something every screen can compute on its own (their perspective).
// Pure functions over plain notes, so the grouping and its arithmetic are tested in node
// (tests/js/clusters.test.mjs); the DOM lives in cluster-card.js and cluster-region.js.
import { rnt, rt } from "./room-language.js";

// A few notes without a theme are the newest arrivals: they wait together until their theme arrives
// (about a second later), rather than each opening a cluster of its own.
export const JUST_ARRIVED_MAX = 3;

const byFirstNote = (a, b) => a.firstId - b.firstId || (a.key < b.key ? -1 : 1);

function cluster(key, kind, label, notes, extra = {}) {
  const sorted = [...notes].sort((a, b) => a.id - b.id);
  return { key, kind, label, notes: sorted, count: sorted.length, firstId: sorted[0]?.id ?? Infinity, ...extra };
}

// Unthemed notes by perspective, in the workshop's perspective order, "no perspective" last.
function byPerspective(notes, perspectives) {
  const buckets = new Map();
  for (const note of notes) {
    const id = note.perspective_id ?? null;
    if (!buckets.has(id)) buckets.set(id, []);
    buckets.get(id).push(note);
  }
  return [...buckets.entries()].map(([id, members]) => {
    const perspective = perspectives.find((p) => p.id === id);
    return cluster(`p:${id ?? "none"}`, "perspective", perspective ? perspective.name : rt("No perspective"), members, {
      perspectiveId: id,
    });
  });
}

// clustersOf(notes, {themes, perspectives}) -> clusters in a stable order (by each one's oldest note, so
// a new note joins a cluster without reordering the rest). Every note is in exactly one cluster.
export function clustersOf(notes, { themes = [], perspectives = [] } = {}) {
  const themeOf = new Map();
  for (const theme of themes) for (const id of theme.note_ids) themeOf.set(id, theme);
  const themed = new Map();
  const loose = [];
  for (const note of notes) {
    const theme = themeOf.get(note.id);
    if (!theme) loose.push(note);
    else {
      if (!themed.has(theme.id)) themed.set(theme.id, { theme, notes: [] });
      themed.get(theme.id).notes.push(note);
    }
  }
  const result = [...themed.values()].map(({ theme, notes: members }) =>
    cluster(`t:${theme.id}`, "theme", theme.label || theme.suggested_label || rt("Theme"), members, { themeId: theme.id }),
  );
  if (result.length && loose.length && loose.length <= JUST_ARRIVED_MAX) {
    result.push(cluster("new", "new", rt("Just arrived"), loose));
  } else {
    result.push(...byPerspective(loose, perspectives));
  }
  return result.sort(byFirstNote);
}

// When there are more clusters than room, the largest keep a place of their own and the rest are
// counted together in one last cluster that names them, so the counts still add up to every note.
export function collapse(clusters, room) {
  if (clusters.length <= room) return clusters;
  if (room < 1) return [];
  const ranked = [...clusters].sort((a, b) => b.count - a.count || a.firstId - b.firstId);
  return [...ranked.slice(0, room - 1).sort(byFirstNote), moreOf(ranked.slice(room - 1))];
}

// The one cluster that counts several together, naming each.
export function moreOf(clusters) {
  const rest = [...clusters].sort(byFirstNote);
  return cluster(
    "more",
    "more",
    rnt("{n} more group", "{n} more groups", rest.length),
    rest.flatMap((c) => c.notes),
    { members: rest.map((c) => ({ label: c.label, count: c.count })) },
  );
}

// Which notes a cluster shows in full: the most voted first, else the newest.
export function rankForShowing(notes) {
  return [...notes].sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0) || b.id - a.id);
}

// How the cluster's notes spread over perspectives (the workshop's order; "no perspective" as index -1,
// last) and over groups (the workshop's order; notes from no group are not listed).
export function perspectiveMix(notes, perspectives) {
  const counts = new Map();
  for (const note of notes) {
    const index = perspectives.findIndex((p) => p.id === note.perspective_id);
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([index, count]) => ({ index, name: index >= 0 ? perspectives[index].name : rt("No perspective"), count }))
    .sort((a, b) => (a.index < 0) - (b.index < 0) || a.index - b.index);
}

export function groupMix(notes, groups) {
  const counts = new Map();
  for (const note of notes) if (note.group_id != null) counts.set(note.group_id, (counts.get(note.group_id) ?? 0) + 1);
  return groups.filter((group) => counts.has(group.id)).map((group) => ({ group, count: counts.get(group.id) }));
}

// "Group 3" -> "G3", "Link workers" -> "LW": short enough for a mix line on a narrow card.
export function shortName(name) {
  const words = String(name ?? "").trim().split(/\s+/).filter(Boolean);
  return words.map((word) => (/^\d+$/.test(word) ? word : [...word][0].toUpperCase())).join("") || "?";
}

// Whether another cluster may still appear beside these: always once there are themes (a new theme, notes
// just arrived); without themes only while some perspective (or "no perspective") has no cluster yet.
export function mayGrow(clusters, { themes = [], perspectives = [] } = {}) {
  return themes.length > 0 || clusters.length < perspectives.length + 1;
}
