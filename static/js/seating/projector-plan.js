// The projector's table plan: every group's table with the people seated at it this round, live.
// A projector view (see static/js/projector/views.js): create(root, ctx) -> {render, noteAdded, ...}.
import { EVENTS } from "../core/events.js";
import { feedView } from "../projector/feed-view.js";
import { rt } from "../projector/room-language.js";

const STYLESHEET = "/static/css/seating.css";

const SVG = "http://www.w3.org/2000/svg";

function swatch(colour) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 20 20");
  svg.setAttribute("class", "swatch");
  svg.setAttribute("aria-hidden", "true");
  const circle = document.createElementNS(SVG, "circle");
  for (const [name, value] of [["cx", "10"], ["cy", "10"], ["r", "9"], ["fill", colour]]) circle.setAttribute(name, value);
  svg.append(circle);
  return svg;
}

export function create(root, ctx) {
  const view = document.createElement("div");
  view.className = "projector-tables";
  const heading = document.createElement("p");
  heading.className = "tables-round";
  const grid = document.createElement("ol");
  grid.className = "projector-table-grid";
  view.append(heading, grid);
  root.replaceChildren(view);
  let plan = null;

  function draw() {
    if (!plan || !plan.round) {
      heading.textContent = rt("Tables are set soon.");
      grid.replaceChildren();
      root.dataset.round = "";
      return;
    }
    heading.textContent = rt("Round {round}: find your table on your phone", { round: plan.round });
    root.dataset.round = String(plan.round);
    grid.replaceChildren(
      ...plan.tables.map((table) => {
        const item = document.createElement("li");
        item.className = "projector-table";
        item.dataset.groupId = String(table.group_id);
        const title = document.createElement("h2");
        title.append(swatch(table.colour), document.createTextNode(` ${table.name}`));
        const names = document.createElement("ul");
        for (const person of table.people) {
          const li = document.createElement("li");
          li.dir = "auto";
          li.textContent = person.name + (person.organisation ? ` · ${person.organisation}` : "");
          names.append(li);
        }
        item.append(title, names);
        return item;
      }),
    );
  }

  return feedView(ctx, {
    stylesheet: STYLESHEET,
    stateEvent: EVENTS.SEATING_PLAN,
    changedEvent: EVENTS.SEATING_CHANGED,
    fromAck: (ack) => ack.plan,
    fromChange: (envelope) => envelope.data,
    show(next) {
      plan = next ?? plan;
      draw();
    },
  });
}
