// Where clusters go (static/js/projector/cluster-grid.js): a grid that holds them at the readable size,
// cells that stay put as clusters come and go, wider cells for bigger clusters, and which notes fit.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  assignCells,
  capacity,
  cellBoxes,
  chooseGrid,
  pickShown,
  shareOut,
} from "../../static/js/projector/cluster-grid.js";

const region = { width: 1244, height: 288, gap: 10, minWidth: 192, headHeight: () => 80 };

describe("chooseGrid", () => {
  test("a few clusters share one row, with a spare cell for the next one", () => {
    const grid = chooseGrid(3, region);
    assert.deepEqual([grid.columns, grid.rows], [4, 1]);
    assert.equal(grid.cellHeight, 288);
  });

  test("more clusters than fit a row take more rows, every cell at least the minimum wide and tall enough", () => {
    const grid = chooseGrid(11, region);
    assert.ok(grid.columns * grid.rows >= 11);
    assert.ok(grid.cellWidth >= region.minWidth);
    assert.ok(grid.cellHeight >= 80);
    assert.ok(grid.columns * grid.cellWidth + (grid.columns - 1) * region.gap <= region.width);
    assert.ok(grid.rows * grid.cellHeight + (grid.rows - 1) * region.gap <= region.height);
  });

  test("null when even the most compact grid cannot hold them", () => {
    assert.equal(chooseGrid(capacity(region) + 1, region), null);
    assert.ok(chooseGrid(capacity(region), region));
  });

  test("a heading that needs more height in a narrow cell limits the columns", () => {
    const tall = { ...region, headHeight: (width) => (width < 300 ? 400 : 80) };
    const grid = chooseGrid(3, tall);
    assert.ok(grid.cellWidth >= 300);
  });
});

describe("assignCells", () => {
  test("clusters keep their cells; a new one takes the first free cell", () => {
    const first = assignCells(["a", "b", "c"], new Map(), 4);
    assert.deepEqual([...first], [["a", 0], ["b", 1], ["c", 2]]);
    const next = assignCells(["a", "c", "d"], first, 4);
    assert.deepEqual([...next], [["a", 0], ["c", 2], ["d", 1]]);
  });

  test("null when a new cluster finds no free cell", () => {
    const full = assignCells(["a", "b"], new Map(), 2);
    assert.equal(assignCells(["a", "b", "c"], full, 2), null);
  });
});

describe("cell boxes", () => {
  test("a row's widths follow the square root of the counts, never under the floor, filling the row", () => {
    const grid = { columns: 3, rows: 1, cellWidth: 408, cellHeight: 288 };
    const boxes = cellBoxes(grid, [49, 1, 4], { width: 1244, gap: 10, floorWidth: 300 });
    const widths = boxes.map((b) => b.width);
    assert.ok(widths[0] > widths[2] && widths[2] >= widths[1]);
    assert.ok(Math.min(...widths) >= 300);
    assert.equal(widths.reduce((a, b) => a + b, 0) + 2 * 10, 1244);
    assert.deepEqual(boxes.map((b) => b.left), [0, widths[0] + 10, widths[0] + widths[1] + 20]);
  });

  test("rows stack at the cell height plus the gap", () => {
    const grid = { columns: 2, rows: 2, cellWidth: 617, cellHeight: 139 };
    const boxes = cellBoxes(grid, [1, 1, 1], { width: 1244, gap: 10, floorWidth: 400 });
    assert.deepEqual(boxes.map((b) => b.top), [0, 0, 149, 149]);
  });

  test("shareOut keeps every share at the floor and the total exact", () => {
    const shares = shareOut(1000, [10, 1, 1], 300);
    assert.deepEqual(shares, [400, 300, 300]);
  });
});

describe("pickShown", () => {
  test("notes in rank order while they fit, skipping a tall one for a shorter one after it", () => {
    assert.deepEqual(pickShown([60, 200, 50, 40], 170, 5), [0, 2, 3]);
    assert.deepEqual(pickShown([300], 170, 5), []);
    assert.deepEqual(pickShown([], 170, 5), []);
  });
});
