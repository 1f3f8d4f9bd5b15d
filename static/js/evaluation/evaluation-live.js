// The evaluation as a live page sees it: the questionnaire and its aggregated results, kept current by
// revision like the board store, so connectLive's catch-up works unchanged. Other events only move the
// revision on; a reset (too far behind) asks the server for the evaluation again.
import { EVENTS } from "../core/events.js";

export class EvaluationStore {
  constructor(state) {
    this.listeners = new Set();
    this.revision = state.revision;
    this.questionnaire = state.questionnaire ?? null;
    this.results = state.results ?? null;
  }

  // connectLive hands over a whole workshop state after a long gap: it holds no evaluation, so reload it.
  replace(state) {
    this.revision = state.revision;
    this.emit({ kind: "reset" });
  }

  apply(envelope) {
    this.revision = envelope.revision;
    if (envelope.event === EVENTS.EVALUATION_RESULTS) {
      this.results = envelope.data;
      this.emit({ kind: "results" });
    } else if (envelope.event === EVENTS.EVALUATION_CHANGED) {
      this.questionnaire = envelope.data.questionnaire;
      this.results = envelope.data.results;
      this.emit({ kind: "questionnaire" });
    }
  }

  // The answer to evaluation:state, which is correct at its own revision.
  load(state) {
    this.questionnaire = state.questionnaire ?? null;
    this.results = state.results ?? null;
    if (state.revision > this.revision) this.revision = state.revision;
    this.emit({ kind: "questionnaire" });
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
}
