// Zoom on demand: the organiser picks one group, one perspective, one theme, or barriers/enablers only,
// and the tree shows just those notes, full screen. projector.focus is null (the whole tree) or
// {kind: "group"|"perspective"|"theme"|"note_kind", value} (docs/protocol.md, projector:focus).

// Which part of the tree a section belongs to: by its name, else the first section is the roots.
export function isEnablers(section, index) {
  const name = section.name.toLowerCase();
  if (name.includes("enabl")) return true;
  if (name.includes("barrier")) return false;
  return index > 0;
}

// 0 = canopy (enablers), 1 = roots (barriers), per section id.
export function treeParts(board) {
  return new Map(board.sections.map((section, index) => [section.id, isEnablers(section, index) ? 0 : 1]));
}

// note_kind values: "enabler"/"barrier", or a section's own name ("Enablers", "Barriers").
export function partOfKind(value) {
  const name = String(value ?? "").toLowerCase();
  if (name.startsWith("enabl")) return 0;
  if (name.startsWith("barrier")) return 1;
  return null;
}

// The focus as a test on notes, and the words the screen shows for it; null when nothing is focused
// (or the focus names something this board no longer has, which shows the whole tree).
export function focusOf(focus, { store, board }) {
  if (!focus || typeof focus !== "object") return null;
  const { kind, value } = focus;
  if (kind === "group") {
    const group = store.group(value);
    return group ? { kind, test: (note) => note.group_id === group.id, name: group.name } : null;
  }
  if (kind === "perspective") {
    const perspective = store.perspective(value);
    return perspective
      ? { kind, test: (note) => note.perspective_id === perspective.id, name: perspective.name }
      : null;
  }
  if (kind === "theme") {
    const theme = store.themesOn(board.id).find((t) => t.id === value);
    if (!theme) return null;
    const ids = new Set(theme.note_ids);
    return { kind, test: (note) => ids.has(note.id), name: theme.label || theme.suggested_label };
  }
  if (kind === "note_kind") {
    const part = partOfKind(value);
    if (part === null) return null;
    const parts = treeParts(board);
    return { kind, part, test: (note) => parts.get(note.section_id) === part, };
  }
  return null;
}

export function focusKey(focus) {
  return focus && typeof focus === "object" ? `${focus.kind}=${focus.value}` : "";
}
