// Where clusters go: a grid of equal cells filling one region, and a stable cell for every cluster, so a
// note or a cluster that arrives never moves the others. Pure arithmetic, tested in node
// (tests/js/cluster-grid.test.mjs).

// The grid for `count` clusters in a width x height region: as few cells as hold them plus `spare` free
// ones for clusters yet to come (a newcomer then takes a free cell instead of moving the others), each at
// least minWidth wide and headHeight(cellWidth) tall (a cluster's heading must fit its cell). Larger cells
// first, then wider ones. Without room for the spare, the tightest grid; null when even that does not fit.
export function chooseGrid(count, { width, height, gap, minWidth, headHeight, spare = 1 }) {
  if (count < 1) return { columns: 1, rows: 1, cellWidth: width, cellHeight: height, cells: 1 };
  return bestGrid(count + spare, { width, height, gap, minWidth, headHeight }) ?? (spare ? bestGrid(count, { width, height, gap, minWidth, headHeight }) : null);
}

function bestGrid(count, { width, height, gap, minWidth, headHeight }) {
  const maxColumns = Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
  let best = null;
  for (let columns = 1; columns <= maxColumns; columns += 1) {
    const cellWidth = Math.floor((width - (columns - 1) * gap) / columns);
    const maxRows = Math.floor((height + gap) / (headHeight(cellWidth) + gap));
    const rows = Math.ceil(count / columns);
    if (rows > maxRows) continue;
    const cellHeight = Math.floor((height - (rows - 1) * gap) / rows);
    const area = cellWidth * cellHeight;
    const bestArea = best ? best.cellWidth * best.cellHeight : -1;
    if (area > bestArea * 1.0001 || (Math.abs(area - bestArea) <= bestArea * 0.0001 && cellWidth > best.cellWidth)) {
      best = { columns, rows, cellWidth, cellHeight, cells: columns * rows };
    }
  }
  return best;
}

// How many clusters fit at most (the most compact grid), for collapsing the smallest into one.
export function capacity({ width, height, gap, minWidth, headHeight }) {
  const maxColumns = Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
  let most = 0;
  for (let columns = 1; columns <= maxColumns; columns += 1) {
    const cellWidth = Math.floor((width - (columns - 1) * gap) / columns);
    const rows = Math.floor((height + gap) / (headHeight(cellWidth) + gap));
    most = Math.max(most, rows * columns);
  }
  return most;
}

// Cells for clusters by key: kept where they were, new ones in the first free cell (row by row).
// Null when a new cluster finds no free cell (the caller lays the region out again).
export function assignCells(keys, previous, cells) {
  const assigned = new Map();
  const taken = new Set();
  for (const key of keys) {
    const cell = previous.get(key);
    if (cell !== undefined && cell < cells && !taken.has(cell)) {
      assigned.set(key, cell);
      taken.add(cell);
    }
  }
  let free = 0;
  for (const key of keys) {
    if (assigned.has(key)) continue;
    while (taken.has(free)) free += 1;
    if (free >= cells) return null;
    assigned.set(key, free);
    taken.add(free);
  }
  return assigned;
}

// The box of every cell. Cells are equal in height; along a row, a cluster with more notes gets a wider
// cell (width by the square root of its count, an empty cell counting as one note), never narrower than
// floorWidth, so the biggest themes show more of their notes. Fixed when laid out, so nothing moves after.
export function cellBoxes(grid, counts, { width, gap, floorWidth }) {
  const boxes = [];
  for (let row = 0; row < grid.rows; row += 1) {
    const cells = [];
    for (let column = 0; column < grid.columns; column += 1) cells.push(row * grid.columns + column);
    const widths = shareOut(
      width - (cells.length - 1) * gap,
      cells.map((cell) => Math.sqrt(Math.max(1, counts[cell] ?? 1))),
      Math.min(floorWidth, grid.cellWidth),
    );
    let left = 0;
    cells.forEach((cell, i) => {
      boxes[cell] = { left, top: row * (grid.cellHeight + gap), width: widths[i], height: grid.cellHeight };
      left += widths[i] + gap;
    });
  }
  return boxes;
}

// `total` split by weight, each share at least `floor` (whole pixels; the remainder goes to the last).
export function shareOut(total, weights, floor) {
  const widths = new Array(weights.length).fill(0);
  const fixed = new Set();
  for (;;) {
    const free = weights.map((_, i) => i).filter((i) => !fixed.has(i));
    const room = total - fixed.size * floor;
    const sum = free.reduce((acc, i) => acc + weights[i], 0);
    let changed = false;
    for (const i of free) {
      widths[i] = (room * weights[i]) / sum;
      if (widths[i] < floor) {
        fixed.add(i);
        changed = true;
      }
    }
    for (const i of fixed) widths[i] = floor;
    if (!changed || fixed.size === weights.length) break;
  }
  const whole = widths.map(Math.floor);
  whole[whole.length - 1] += Math.floor(total - whole.reduce((a, b) => a + b, 0));
  return whole;
}

// Which of a cluster's ranked notes to show in full in the room under its heading: in rank order,
// skipping one that does not fit for a shorter one after it (looking a few places ahead at most).
export function pickShown(heights, room, gap, { lookAhead = 6 } = {}) {
  const shown = [];
  let used = 0;
  let skipped = 0;
  for (let i = 0; i < heights.length && skipped <= lookAhead; i += 1) {
    const need = (shown.length ? gap : 0) + heights[i];
    if (used + need <= room) {
      shown.push(i);
      used += need;
    } else skipped += 1;
  }
  return shown;
}
