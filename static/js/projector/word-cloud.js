// An ideas board as a word cloud. The server counts the words (stop-words removed, the same cloud on
// every screen); this module sizes them by count, biggest in the middle, and keeps every word on screen:
// the cloud shrinks, never below the readable minimum, and past that shows only the most frequent words
// and says so.
import { minNotePx } from "./readable.js";
import { showUserText } from "../core/user-text.js";
import { rnt, rt } from "./room-language.js";

const MAX_WORD_VW = 6;
const REFRESH_AFTER_MS = 800;

// Biggest words in the middle: alternate the ranked list to either side.
function centred(words) {
  const left = [];
  const right = [];
  words.forEach((word, i) => (i % 2 ? left : right).push(word));
  return [...left.reverse(), ...right];
}

export function create(root, ctx) {
  const view = document.createElement("div");
  view.className = "cloud-view";
  const cloud = document.createElement("section");
  cloud.className = "word-cloud";
  cloud.setAttribute("aria-label", rt("Word cloud of the notes"));
  const caption = document.createElement("p");
  caption.className = "cloud-caption";
  // Never empty: the caption's line is part of the layout the cloud is fitted into.
  caption.textContent = rt("Words from the notes will appear here.");
  view.append(cloud, caption);
  root.replaceChildren(view);

  let words = [];
  let distinct = 0;
  let timer = null;
  let destroyed = false;

  function sizes(list, maxPx) {
    const min = minNotePx();
    const top = list[0]?.count ?? 1;
    const bottom = list[list.length - 1]?.count ?? 1;
    return list.map((entry) => {
      const share = top === bottom ? 1 : (entry.count - bottom) / (top - bottom);
      return min + (Math.max(min, maxPx) - min) * Math.sqrt(share);
    });
  }

  function place(list, maxPx) {
    const px = sizes(list, maxPx);
    const spans = list.map((entry, i) => {
      const span = document.createElement("span");
      span.className = "cloud-word";
      span.dir = "auto";
      showUserText(span, entry.word);
      span.title = `${entry.word}: ${entry.count}`;
      span.dataset.count = String(entry.count);
      span.style.setProperty("--word-size", `${px[i].toFixed(1)}px`);
      span.style.setProperty("--word-weight", entry.count === list[0].count ? "700" : "400");
      return span;
    });
    cloud.replaceChildren(...centred(spans));
    // Centred content that overflows spills upwards too, where scrollHeight cannot see it: check the boxes.
    const box = cloud.getBoundingClientRect();
    return spans.every((span) => {
      const r = span.getBoundingClientRect();
      return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
    });
  }

  function layout() {
    const min = minNotePx();
    let shown = words;
    let maxPx = (MAX_WORD_VW * window.innerWidth) / 100;
    while (!place(shown, maxPx) && maxPx > min) maxPx = Math.max(min, maxPx * 0.85);
    if (!place(shown, maxPx)) {
      // Even at the minimum not everything fits: keep the most frequent words that do.
      let low = 0;
      let high = shown.length;
      while (high - low > 1) {
        const mid = (low + high) >> 1;
        if (place(words.slice(0, mid), min)) low = mid;
        else high = mid;
      }
      shown = words.slice(0, Math.max(1, low));
      place(shown, min);
    }
    caption.textContent = !words.length
      ? rt("Words from the notes will appear here.")
      : shown.length < distinct
        ? rnt("The {shown} most frequent of {n} word", "The {shown} most frequent of {n} words", distinct, { shown: shown.length })
        : rnt("{n} word", "{n} words", distinct);
    root.dataset.cloudWords = String(shown.length);
    root.dataset.noteCount = String(ctx.store.notesOn(ctx.board.id).length);
    ctx.setPageCount(1);
  }

  async function load() {
    const response = await fetch(`/api/v1/workshops/${ctx.workshopId}/boards/${ctx.board.id}/wordcloud`, {
      headers: { Authorization: `Bearer ${ctx.token}` },
    }).catch(() => null);
    if (destroyed || !response || !response.ok) return;
    const body = await response.json();
    words = body.words;
    distinct = body.distinct;
    layout();
  }

  function refreshSoon() {
    clearTimeout(timer);
    timer = setTimeout(load, REFRESH_AFTER_MS);
  }

  return {
    render() {
      if (words.length) layout();
      load();
    },
    noteAdded: (note) => note.board_id === ctx.board.id && refreshSoon(),
    noteChanged: (note) => note.board_id === ctx.board.id && refreshSoon(),
    showPage() {},
    destroy() {
      destroyed = true;
      clearTimeout(timer);
    },
  };
}
