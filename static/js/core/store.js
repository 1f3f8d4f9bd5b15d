// The client's copy of a workshop: structure plus notes, advanced one revision at a time.
import { EVENTS } from "./events.js";

export class WorkshopStore {
  constructor(state) {
    this.listeners = new Set();
    this.replace(state, { silent: true });
  }

  replace(state, { silent = false } = {}) {
    this.revision = state.revision;
    this.structure = state.structure;
    this.notes = new Map(state.notes.map((note) => [note.id, note]));
    // Themes found on the server, per board; a page or server without them simply has none.
    this.themes = state.themes ?? [];
    if (!silent) this.emit({ kind: "reset" });
  }

  // Apply one envelope; the caller guarantees it is the next revision.
  apply(envelope) {
    this.revision = envelope.revision;
    const { event, data } = envelope;
    if (event === EVENTS.NOTE_ADDED || event === EVENTS.NOTE_UPDATED) {
      const known = this.notes.has(data.note.id);
      this.notes.set(data.note.id, data.note);
      this.emit({ kind: known ? "note-updated" : "note-added", note: data.note });
    } else if (event === EVENTS.STRUCTURE_CHANGED) {
      this.structure = data;
      this.emit({ kind: "structure" });
    } else if (event === EVENTS.NOTE_REMOVED) {
      // Hidden, deleted or merged: kept as "removed" so every view's visible-only filter drops it.
      const note = this.notes.get(data.note_id);
      if (note) {
        const removed = { ...note, status: "removed" };
        this.notes.set(note.id, removed);
        this.emit({ kind: "note-updated", note: removed });
      }
    } else if (event === EVENTS.THEMES_CHANGED) {
      // A full replacement of one board's themes.
      this.themes = [...this.themes.filter((theme) => theme.board_id !== data.board_id), ...data.themes];
      this.emit({ kind: "themes", boardId: data.board_id });
    } else if (event === EVENTS.VOTE_CHANGED) {
      this.emit({ kind: "votes", round: data.round });
    } else if (event === EVENTS.PROJECTOR_CHANGED) {
      this.structure.workshop.projector_board_id = data.board_id;
      this.emit({ kind: "projector", boardId: data.board_id });
    }
  }

  advanceTo(revision) {
    if (revision > this.revision) this.revision = revision;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change) {
    for (const listener of this.listeners) listener(change);
  }

  board(boardId) {
    return this.structure.boards.find((board) => board.id === boardId) ?? null;
  }

  group(groupId) {
    return this.structure.groups.find((group) => group.id === groupId) ?? null;
  }

  perspective(perspectiveId) {
    return this.structure.perspectives.find((p) => p.id === perspectiveId) ?? null;
  }

  themesOn(boardId) {
    return this.themes.filter((theme) => theme.board_id === boardId);
  }

  notesOn(boardId) {
    return [...this.notes.values()]
      .filter((note) => note.board_id === boardId && note.status === "visible")
      .sort((a, b) => a.id - b.id);
  }
}
