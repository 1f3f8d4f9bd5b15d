// Fitting notes on a screen that cannot scroll: a region of the screen that cards flow into, page by
// page. The font is chosen across regions by fitter.js (never below readable.js's minimum); pages turn
// with page-turner.js. The tree never pages: past the minimum it groups notes (tree-view.js).

// One rectangle of the screen that notes flow into, with pages stacked on top of each other (only the
// current page is visible; the others stay laid out, so they can be measured).
// Two ways to fill a page: "masonry" puts each card at the top of the shortest columns (dense, for walls
// and the tree), "rows" keeps strict posting order along rows (the washing line).
export class Region {
  constructor(element, { minCardEm = 11, mode = "masonry", decorate = null } = {}) {
    this.element = element;
    this.minCardEm = minCardEm;
    this.mode = mode;
    this.decorate = decorate; // called with each page after cards move, e.g. to draw a washing line
    this.pages = [];
    this.cards = [];
    this.current = 0;
    element.classList.add("region", `region-${mode}`);
  }

  get pageCount() {
    return Math.max(1, this.pages.length);
  }

  // Column width follows the font: as many columns of at least minCardEm as fit, sharing the width.
  setFont(fontPx) {
    this.fontPx = fontPx;
    const gap = Math.round(fontPx * 0.6);
    const width = this.element.clientWidth;
    this.columns = Math.max(1, Math.floor((width + gap) / (this.minCardEm * fontPx + gap)));
    this.gap = gap;
    this.cardWidth = Math.floor((width - (this.columns - 1) * gap) / this.columns);
    this.element.style.setProperty("--note-font", `${fontPx}px`);
    this.element.style.setProperty("--gap", `${gap}px`);
    this.element.style.setProperty("--card-w", `${this.cardWidth}px`);
  }

  newPage() {
    const page = document.createElement("div");
    page.className = "page";
    page.columnHeights = new Array(this.columns ?? 1).fill(0);
    this.element.append(page);
    this.pages.push(page);
    return page;
  }

  span(card) {
    return card.classList.contains("is-wide") ? this.columns : Math.min(this.columns, Number(card.style.getPropertyValue("--span")) || 1);
  }

  // Heights of cards at the current font and their own widths, read in one layout pass. A card taller
  // than the whole region at its width is made full-width, so it always fits a page on its own.
  measure(cards) {
    const height = this.element.clientHeight;
    const probe = this.pages[0] ?? this.newPage();
    probe.classList.add("is-measuring");
    for (const card of cards) card.classList.remove("is-wide", "is-placed");
    probe.replaceChildren(...cards);
    const tall = cards.filter((card) => card.offsetHeight > height);
    for (const card of tall) card.classList.add("is-wide");
    const measured = cards.map((card) => ({ card, top: card.offsetTop, height: card.offsetHeight }));
    probe.classList.remove("is-measuring");
    return measured;
  }

  // Masonry: the leftmost run of `span` columns whose tallest column is lowest.
  static slot(columnHeights, span) {
    let best = 0;
    let bestTop = Infinity;
    for (let start = 0; start + span <= columnHeights.length; start += 1) {
      const top = Math.max(...columnHeights.slice(start, start + span));
      if (top < bestTop - 0.5) {
        best = start;
        bestTop = top;
      }
    }
    return { column: best, top: bestTop };
  }

  // Where each card goes: [{card, page, left, top}] for masonry; for rows, pages of whole rows.
  plan(measured) {
    const height = this.element.clientHeight;
    const gap = this.gap;
    const placed = [];
    if (this.mode === "rows") {
      const rows = [];
      for (const item of measured) {
        const row = rows[rows.length - 1];
        if (row && Math.abs(item.top - row.top) <= 1) {
          row.items.push(item);
          row.height = Math.max(row.height, item.height);
        } else rows.push({ top: item.top, height: item.height, items: [item] });
      }
      let page = 0;
      let used = 0;
      rows.forEach((row, i) => {
        if (i > 0 && used + gap + row.height > height) {
          page += 1;
          used = 0;
        }
        used += (used > 0 ? gap : 0) + row.height;
        for (const item of row.items) placed.push({ card: item.card, page });
      });
      return placed;
    }
    let page = 0;
    let heights = new Array(this.columns).fill(0);
    for (const item of measured) {
      const span = this.span(item.card);
      let { column, top } = Region.slot(heights, span);
      if (top > 0 && top + gap + item.height > height) {
        page += 1;
        heights = new Array(this.columns).fill(0);
        ({ column, top } = Region.slot(heights, span));
      }
      const y = top > 0 ? top + gap : 0;
      for (let c = column; c < column + span; c += 1) heights[c] = y + item.height;
      placed.push({ card: item.card, page, left: column * (this.cardWidth + gap), top: y, heights: [...heights] });
    }
    return placed;
  }

  pagesNeeded(cards) {
    if (!cards.length) return 1;
    const placed = this.plan(this.measure(cards));
    return placed[placed.length - 1].page + 1;
  }

  static position(card, left, top) {
    card.style.setProperty("--x", `${left}px`);
    card.style.setProperty("--y", `${top}px`);
    card.classList.add("is-placed");
  }

  // Lay the cards out at the current font, one element per page.
  layout(cards) {
    this.cards = cards;
    const placed = cards.length ? this.plan(this.measure(cards)) : [];
    for (const page of this.pages) page.remove();
    this.pages = [];
    for (const item of placed) {
      const page = this.pages[item.page] ?? this.newPage();
      if (this.mode === "masonry") {
        Region.position(item.card, item.left, item.top);
        page.columnHeights = item.heights;
      }
      page.append(item.card);
    }
    if (!this.pages.length) this.newPage();
    if (this.mode === "rows") for (let i = 0; i < this.pages.length; i += 1) this.settle(i);
    this.show(this.current);
  }

  overflows(page) {
    return page.scrollHeight > this.element.clientHeight + 1;
  }

  // Rows: move cards from the end of page i to the next page until page i fits (always keeping one),
  // in case a row measured differently from how it lays out.
  settle(index) {
    const page = this.pages[index];
    while (this.overflows(page) && page.querySelectorAll(":scope > .hanger, :scope > .projector-note").length > 1) {
      const next = this.pages[index + 1] ?? this.newPage();
      const cards = page.querySelectorAll(":scope > .hanger, :scope > .projector-note");
      next.prepend(cards[cards.length - 1]);
    }
    if (this.decorate) this.decorate(page);
  }

  // A new card goes at the end of the last page, or starts a new one. Returns false when the caller
  // should refit instead (the board still fits one page at a font above the minimum).
  append(card, { atMinimum }) {
    this.cards.push(card);
    let last = this.pages[this.pages.length - 1] ?? this.newPage();
    const height = this.element.clientHeight;
    last.append(card);
    if (card.offsetHeight > height) card.classList.add("is-wide");
    if (this.mode === "masonry") {
      const span = this.span(card);
      let { column, top } = Region.slot(last.columnHeights, span);
      if (top > 0 && top + this.gap + card.offsetHeight > height) {
        if (!atMinimum) return false;
        last = this.newPage();
        last.append(card);
        ({ column, top } = Region.slot(last.columnHeights, span));
      }
      const y = top > 0 ? top + this.gap : 0;
      const cardHeight = card.offsetHeight;
      for (let c = column; c < column + span; c += 1) last.columnHeights[c] = y + cardHeight;
      Region.position(card, column * (this.cardWidth + this.gap), y);
    } else if (this.overflows(last)) {
      if (!atMinimum) return false;
      const others = last.querySelectorAll(":scope > .hanger, :scope > .projector-note").length;
      if (others > 1) {
        if (this.decorate) this.decorate(last);
        last = this.newPage();
        last.append(card);
      }
    }
    if (this.decorate) this.decorate(last);
    this.show(this.current);
    return true;
  }

  show(index) {
    this.current = index;
    const shown = index % this.pageCount;
    this.pages.forEach((page, i) => {
      const visible = i === shown;
      page.classList.toggle("is-current", visible);
      page.setAttribute("aria-hidden", visible ? "false" : "true");
      page.inert = !visible;
    });
  }
}
