// The projector's view registry: what each kind of target looks like.
//
// EXTENSION POINT. A view is an ES module exporting `create(root, ctx)`, which draws into `root`
// (the #board element) and returns an object with:
//   render()            draw everything from ctx.store (called once after create, and after a resize
//                       or a structure change);
//   noteAdded(note)     a note was posted (draw it without redrawing everything, if you can);
//   noteChanged(note)   a note was edited, moved, voted on, hidden or removed;
//   showPage(index)     the page turner moved on (views that paginate);
//   destroy()           stop timers; the next view replaces root's children.
// ctx gives: store (ProjectorStore: structure, notes, projector), live (request(event, payload)),
// board (or null), target ({key, kind, board, note?}), root, workshopId, token, joinUrl, qrUrl,
// reducedMotion, and setPageCount(n) (call it from render; 1 when the view never paginates).
// To add a view, import its module and add one line to VIEWS, keyed by target kind: a board kind
// (tree, washing_line, ideas, solutions), "cloud", "themes" (an ideas board by theme, or the summary of
// an ideas wall or washing line), "spotlight", "welcome" or "evaluation".
// Targets {"kind": "evaluation"} resolve to key "evaluation" (the live results); a kind with no
// module registered falls back to the welcome view.
import { create as activities } from "../activities/projector-board.js";
import { create as recording } from "../recordings/projector-recording.js";
import { create as tables } from "../seating/projector-plan.js";
import { create as evaluation } from "./evaluation.js";
import { create as ideasWall } from "./ideas-wall.js";
import { create as solutions } from "./solutions.js";
import { create as spotlight } from "./spotlight.js";
import { create as themes } from "./themes-view.js";
import { create as tree } from "./tree.js";
import { create as washingLine } from "./washing-line.js";
import { create as welcome } from "./welcome.js";
import { create as wordCloud } from "./word-cloud.js";

export const VIEWS = {
  tree,
  washing_line: washingLine,
  ideas: ideasWall,
  cloud: wordCloud,
  themes,
  solutions,
  spotlight,
  welcome,
  evaluation,
  tables,
  activities,
  recording,
};

export function viewFor(kind) {
  return VIEWS[kind] ?? VIEWS.welcome;
}
