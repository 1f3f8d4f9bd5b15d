// The tree's drawing behind the notes: crown, trunk and branches, ground line, roots.
export const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

// Crown, trunk and branches, ground, roots: drawn to the area's real size so the trunk meets the ground.
export function drawTree(drawing, area, ground) {
  const width = area.clientWidth;
  const height = area.clientHeight;
  const groundY = ground.offsetTop + ground.offsetHeight / 2;
  const mid = width / 2;
  const trunk = Math.max(24, width * 0.035);
  drawing.setAttribute("viewBox", `0 0 ${width} ${height}`);
  drawing.replaceChildren();
  const crown = svg("g", { class: "tree-crown" });
  const blobs = [
    [0.5, 0.42, 0.5, 0.48],
    [0.25, 0.5, 0.27, 0.38],
    [0.75, 0.5, 0.27, 0.38],
    [0.5, 0.18, 0.34, 0.22],
  ];
  for (const [cx, cy, rx, ry] of blobs) {
    crown.append(
      svg("ellipse", { cx: cx * width, cy: cy * groundY, rx: rx * width, ry: ry * groundY }),
    );
  }
  const wood = svg("g", { class: "tree-wood" });
  wood.append(
    svg("path", {
      d: `M${mid - trunk} ${groundY} C${mid - trunk * 0.6} ${groundY * 0.75} ${mid - trunk * 0.4} ${groundY * 0.6} ${mid} ${groundY * 0.45}
          C${mid + trunk * 0.4} ${groundY * 0.6} ${mid + trunk * 0.6} ${groundY * 0.75} ${mid + trunk} ${groundY} Z`,
    }),
  );
  const branches = svg("g", { class: "tree-branches" });
  for (const [dx, dy] of [[-0.3, 0.25], [0.3, 0.25], [-0.18, 0.12], [0.18, 0.12], [0, 0.08]]) {
    branches.append(
      svg("path", {
        d: `M${mid} ${groundY * 0.62} Q${mid + dx * width * 0.4} ${groundY * 0.45} ${mid + dx * width} ${groundY * dy}`,
      }),
    );
  }
  const roots = svg("g", { class: "tree-roots-drawing" });
  for (const dx of [-0.42, -0.25, -0.1, 0.1, 0.25, 0.42]) {
    const depth = height - (height - groundY) * (0.15 + Math.abs(dx) * 0.6);
    roots.append(
      svg("path", {
        d: `M${mid + Math.sign(dx) * trunk * 0.5} ${groundY} Q${mid + dx * width * 0.3} ${groundY + (depth - groundY) * 0.8} ${mid + dx * width} ${depth}`,
      }),
    );
  }
  const line = svg("line", { class: "tree-ground-line", x1: 0, x2: width, y1: groundY, y2: groundY });
  drawing.append(crown, roots, line, wood, branches);
}
