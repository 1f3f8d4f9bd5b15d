// Fitting notes on a screen that cannot scroll (static/js/projector/paginate.js, fitter.js and
// page-turner.js): the column maths, where each card goes, when a page breaks, which font is chosen,
// and how pages turn. The parts that measure real elements need a browser
// (tests/e2e/test_projector_layout.py); here the element and the cards are small stand-ins that answer
// only what the planning reads.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { Fitter } from "../../static/js/projector/fitter.js";
import { PageTurner } from "../../static/js/projector/page-turner.js";
import { Region } from "../../static/js/projector/paginate.js";
import { MIN_NOTE_VW, minNotePx, PREFERRED_NOTE_VW, preferredNotePx } from "../../static/js/projector/readable.js";

function fakeElement({ width = 1200, height = 600 } = {}) {
  const classes = new Set();
  const style = new Map();
  return {
    clientWidth: width,
    clientHeight: height,
    classes,
    styleValues: style,
    classList: { add: (...names) => names.forEach((name) => classes.add(name)) },
    style: { setProperty: (name, value) => style.set(name, value) },
  };
}

function fakeCard({ span = null, wide = false } = {}) {
  return {
    classList: { contains: (name) => name === "is-wide" && wide },
    style: { getPropertyValue: (name) => (name === "--span" && span !== null ? String(span) : "") },
  };
}

// A region laid out at a font, with its columns known, ready to plan.
function regionAt(fontPx, { width = 1200, height = 600, mode = "masonry", minCardEm = 11 } = {}) {
  const region = new Region(fakeElement({ width, height }), { mode, minCardEm });
  region.setFont(fontPx);
  return region;
}

const measured = (...heights) => heights.map((height) => ({ card: fakeCard(), top: 0, height }));

describe("the readable minimum", () => {
  afterEach(() => {
    delete globalThis.window;
  });

  test("is 1.25 vw: 24 px on a 1920 px screen, the same share of any width", () => {
    assert.equal(MIN_NOTE_VW, 1.25);
    globalThis.window = { innerWidth: 1920 };
    assert.equal(minNotePx(), 24);
    globalThis.window = { innerWidth: 1280 };
    assert.equal(minNotePx(), 16);
  });

  test("notes start larger, at 1.9 vw", () => {
    assert.equal(PREFERRED_NOTE_VW, 1.9);
    globalThis.window = { innerWidth: 1000 };
    assert.equal(preferredNotePx(), 19);
    assert.ok(preferredNotePx() > minNotePx());
  });
});

describe("Region columns", () => {
  test("as many columns of at least minCardEm as fit, sharing the width", () => {
    const region = regionAt(20, { width: 1200 });
    // gap 0.6 em = 12 px; a column needs 11 em = 220 px plus a gap: five fit in 1200 px.
    assert.equal(region.gap, 12);
    assert.equal(region.columns, 5);
    assert.equal(region.cardWidth, Math.floor((1200 - 4 * 12) / 5));
    assert.equal(region.element.styleValues.get("--note-font"), "20px");
    assert.equal(region.element.styleValues.get("--gap"), "12px");
    assert.equal(region.element.styleValues.get("--card-w"), `${region.cardWidth}px`);
  });

  test("a smaller font makes more, narrower columns", () => {
    const large = regionAt(30);
    const small = regionAt(15);
    assert.ok(small.columns > large.columns);
    assert.ok(small.cardWidth < large.cardWidth);
  });

  test("never fewer than one column, however narrow the region", () => {
    const region = regionAt(40, { width: 100 });
    assert.equal(region.columns, 1);
    assert.equal(region.cardWidth, 100);
  });

  test("the region is marked with its mode for the stylesheet", () => {
    const region = new Region(fakeElement(), { mode: "rows" });
    assert.deepEqual([...region.element.classes], ["region", "region-rows"]);
    assert.equal(region.pageCount, 1); // an empty region still shows one page
  });

  test("a card spans what it asks for, at most every column; a wide card spans them all", () => {
    const region = regionAt(20); // five columns
    assert.equal(region.span(fakeCard()), 1);
    assert.equal(region.span(fakeCard({ span: 2 })), 2);
    assert.equal(region.span(fakeCard({ span: 9 })), 5);
    assert.equal(region.span(fakeCard({ wide: true })), 5);
  });
});

describe("Region.slot (masonry)", () => {
  test("the shortest column, the leftmost on a tie", () => {
    assert.deepEqual(Region.slot([30, 10, 20], 1), { column: 1, top: 10 });
    assert.deepEqual(Region.slot([10, 10, 10], 1), { column: 0, top: 10 });
    assert.deepEqual(Region.slot([10.3, 10, 10], 1), { column: 0, top: 10.3 }); // within half a pixel is a tie
  });

  test("a wide card takes the run of columns whose tallest is lowest", () => {
    assert.deepEqual(Region.slot([0, 50, 10, 20], 2), { column: 2, top: 20 });
    assert.deepEqual(Region.slot([5, 5, 5], 3), { column: 0, top: 5 });
  });
});

describe("Region.plan", () => {
  test("masonry fills the shortest column first, a gap between cards", () => {
    const region = regionAt(20, { width: 1200, height: 600 }); // 5 columns, gap 12
    const step = region.cardWidth + region.gap;
    const placed = region.plan(measured(100, 50, 80, 60, 70, 40));
    assert.deepEqual(
      placed.slice(0, 5).map(({ left, top, page }) => [left, top, page]),
      [0, 1, 2, 3, 4].map((column) => [column * step, 0, 0]),
    );
    // The sixth goes under the shortest (50 px, the second column).
    assert.equal(placed[5].left, step);
    assert.equal(placed[5].top, 50 + 12);
    assert.equal(placed[5].page, 0);
  });

  test("a card that would run off the bottom starts a new page at the top", () => {
    const region = regionAt(20, { width: 200, height: 300 }); // one column
    assert.equal(region.columns, 1);
    const placed = region.plan(measured(100, 100, 100, 100));
    assert.deepEqual(
      placed.map(({ top, page }) => [top, page]),
      [
        [0, 0],
        [112, 0],
        [0, 1], // 224 + 12 + 100 > 300
        [112, 1],
      ],
    );
  });

  test("a card taller than the region still gets a page of its own", () => {
    const region = regionAt(20, { width: 200, height: 300 });
    const placed = region.plan(measured(900, 50));
    assert.deepEqual(
      placed.map(({ top, page }) => [top, page]),
      [
        [0, 0],
        [0, 1],
      ],
    );
  });

  test("rows keep posting order and break pages only between whole rows", () => {
    const region = regionAt(20, { width: 1200, height: 300, mode: "rows" });
    const row = (top, ...heights) => heights.map((height) => ({ card: fakeCard(), top, height }));
    const items = [...row(0, 100, 120), ...row(132.5, 90, 100), ...row(244, 80)];
    const placed = region.plan(items);
    // Rows of 120 and 100: 120 + 12 + 100 = 232 fits; the third row (80) would reach 324 > 300.
    assert.deepEqual(
      placed.map(({ card, page }) => [items.findIndex((item) => item.card === card), page]),
      [
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 0],
        [4, 1],
      ],
    );
  });

  test("cards within a pixel of each other's top share a row", () => {
    const region = regionAt(20, { width: 1200, height: 150, mode: "rows" });
    const items = [
      { card: fakeCard(), top: 0, height: 100 },
      { card: fakeCard(), top: 1, height: 100 },
      { card: fakeCard(), top: 2.5, height: 100 },
    ];
    assert.deepEqual(
      region.plan(items).map(({ page }) => page),
      [0, 0, 1],
    );
  });
});

// A region whose notes fit on one page only at or below `fitsAtPx`; `pagesAtMin` pages at any smaller font.
function fakeRegion(fitsAtPx, { pagesAtMin = 3 } = {}) {
  return {
    fonts: [],
    laidOut: null,
    pages: 1,
    setFont(fontPx) {
      this.fontPx = fontPx;
      this.fonts.push(fontPx);
    },
    pagesNeeded() {
      return this.fontPx <= fitsAtPx + 1e-9 ? 1 : pagesAtMin;
    },
    layout(cards) {
      this.laidOut = { fontPx: this.fontPx, cards };
      this.pages = this.pagesNeeded(cards);
    },
    get pageCount() {
      return this.pages;
    },
    shown: [],
    show(index) {
      this.shown.push(index);
    },
  };
}

// The sizes the fitter may choose, largest first: preferred, shrinking by 10 % a step, then the minimum.
function ladder() {
  const sizes = [];
  for (let size = preferredNotePx(); size > minNotePx(); size *= 0.9) sizes.push(size);
  return [...sizes, minNotePx()];
}

describe("Fitter", () => {
  beforeEach(() => {
    globalThis.window = { innerWidth: 1920 }; // preferred 36.48 px, minimum 24 px
  });

  afterEach(() => {
    delete globalThis.window;
  });

  test("keeps the preferred size when everything fits", () => {
    const region = fakeRegion(100);
    const fitter = new Fitter([region]);
    const cards = ["a"];
    fitter.fit([cards]);
    assert.equal(fitter.fontPx, preferredNotePx());
    assert.deepEqual(region.laidOut, { fontPx: preferredNotePx(), cards });
    assert.equal(fitter.atMinimum, false);
    assert.equal(fitter.pageCount, 1);
  });

  test("shrinks to the largest step at which everything fits, never between steps", () => {
    for (const limit of [35, 30, 28.5, 26, 24.5]) {
      const fitter = new Fitter([fakeRegion(limit)]);
      fitter.fit([[]]);
      const expected = ladder().find((size) => size <= limit + 1e-9);
      assert.equal(fitter.fontPx, expected, `fits at ${limit} px`);
      assert.ok(fitter.fontPx >= minNotePx());
    }
  });

  test("stops at the readable minimum and pages what still does not fit", () => {
    const region = fakeRegion(10, { pagesAtMin: 3 });
    const fitter = new Fitter([region]);
    fitter.fit([["a", "b", "c"]]);
    assert.equal(fitter.fontPx, 24);
    assert.equal(region.laidOut.fontPx, 24);
    assert.equal(fitter.atMinimum, true);
    assert.equal(fitter.pageCount, 3);
  });

  test("a board's regions share one font: the one the fullest region needs", () => {
    const roomy = fakeRegion(100);
    const crowded = fakeRegion(27);
    const fitter = new Fitter([roomy, crowded]);
    fitter.fit([["a"], ["b", "c"]]);
    const expected = ladder().find((size) => size <= 27);
    assert.equal(roomy.laidOut.fontPx, expected);
    assert.equal(crowded.laidOut.fontPx, expected);
    assert.deepEqual(crowded.laidOut.cards, ["b", "c"]);
  });

  test("turns every region to the same page", () => {
    const regions = [fakeRegion(100), fakeRegion(100)];
    new Fitter(regions).show(2);
    assert.deepEqual(
      regions.map((region) => region.shown),
      [[2], [2]],
    );
  });
});

describe("PageTurner", () => {
  beforeEach(() => {
    mock.timers.enable({ apis: ["setInterval"] });
  });

  afterEach(() => {
    mock.timers.reset();
  });

  function turner(seconds = 12) {
    const turns = [];
    const pages = new PageTurner((index, count) => turns.push(`${index + 1}/${count}`), seconds);
    return { pages, turns };
  }

  test("turns every few seconds and wraps round to the first page", () => {
    const { pages, turns } = turner(12);
    pages.setCount(3);
    assert.deepEqual(turns, ["1/3"]);
    mock.timers.tick(11_999);
    assert.deepEqual(turns, ["1/3"]);
    mock.timers.tick(1);
    mock.timers.tick(12_000);
    mock.timers.tick(12_000);
    assert.deepEqual(turns, ["1/3", "2/3", "3/3", "1/3"]);
    pages.stop();
  });

  test("one page never turns", () => {
    const { pages, turns } = turner(12);
    pages.setCount(0); // no notes is still one page
    mock.timers.tick(60_000);
    assert.deepEqual(turns, ["1/1"]);
    assert.equal(pages.timer, null);
  });

  test("when pages go away the footer goes back to a page that exists", () => {
    const { pages, turns } = turner(5);
    pages.setCount(4);
    pages.turn(1);
    pages.turn(1);
    pages.turn(1); // on 4/4
    pages.setCount(2);
    assert.deepEqual(turns.at(-1), "1/2");
    pages.setCount(3); // still on page 1: more pages do not move it
    assert.deepEqual(turns.at(-1), "1/3");
    pages.stop();
  });

  test("turns back from the first page to the last, and stop stops it", () => {
    const { pages, turns } = turner(5);
    pages.setCount(3);
    pages.turn(-1);
    assert.deepEqual(turns.at(-1), "3/3");
    pages.stop();
    mock.timers.tick(60_000);
    assert.deepEqual(turns.at(-1), "3/3");
    assert.equal(turns.length, 2);
  });
});
