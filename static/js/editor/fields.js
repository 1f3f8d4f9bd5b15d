// What each autosaving form of the editor sends, where, and what the server holds for the same item,
// so a save can tell "someone else changed this since I loaded it" from "I changed it".
const API = (workshopId) => `/api/v1/workshops/${workshopId}`;

const lines = (text) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

export const KINDS = {
  details: {
    request: (w) => ["PATCH", API(w)],
    fromForm: (form) => ({
      title: form.elements.title.value.trim(),
      event_date: form.elements.event_date.value || null,
      venue: form.elements.venue.value.trim(),
      languages: form.elements.languages.value,
    }),
    fromServer: (structure) => ({
      title: structure.workshop.title,
      event_date: structure.workshop.event_date,
      venue: structure.workshop.venue,
      languages: structure.workshop.languages,
    }),
  },
  groups: {
    request: (w, id) => ["PUT", `${API(w)}/groups/${id}`],
    fromForm: (form) => ({ name: form.elements.name.value.trim(), colour: form.elements.colour.value.toLowerCase() }),
    fromServer: (structure, id) => {
      const group = structure.groups.find((g) => g.id === id);
      return group && { name: group.name, colour: group.colour.toLowerCase() };
    },
  },
  perspectives: {
    request: (w, id) => ["PUT", `${API(w)}/perspectives/${id}`],
    fromForm: (form) => ({ name: form.elements.name.value.trim() }),
    fromServer: (structure, id) => {
      const perspective = structure.perspectives.find((p) => p.id === id);
      return perspective && { name: perspective.name };
    },
  },
  agenda: {
    request: (w, id) => ["PUT", `${API(w)}/agenda/${id}`],
    fromForm: (form) => ({ starts_at: form.elements.starts_at.value, title: form.elements.title.value.trim() }),
    fromServer: (structure, id) => {
      const item = structure.agenda.find((a) => a.id === id);
      return item && { starts_at: item.starts_at, title: item.title };
    },
  },
  boards: {
    request: (w, id) => ["PUT", `${API(w)}/boards/${id}`],
    fromForm: (form) => ({
      kind: form.elements.kind.value,
      title: form.elements.title.value.trim(),
      prompt: form.elements.prompt.value.trim(),
      open_to_attendees: form.elements.open_to_attendees.checked,
      sections: lines(form.elements.sections.value),
    }),
    fromServer: (structure, id) => {
      const board = structure.boards.find((b) => b.id === id);
      return (
        board && {
          kind: board.kind,
          title: board.title,
          prompt: board.prompt,
          open_to_attendees: board.open_to_attendees,
          sections: board.sections.map((s) => s.name),
        }
      );
    },
  },
};

// Put the server's values back into the form ("use theirs").
export function fillForm(kind, form, values) {
  for (const [name, value] of Object.entries(values)) {
    const field = form.elements[name];
    if (!field) continue;
    if (field.type === "checkbox") field.checked = Boolean(value);
    else if (Array.isArray(value)) field.value = value.join("\n");
    else field.value = value ?? "";
  }
}

export const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
