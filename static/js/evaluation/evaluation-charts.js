// Evaluation charts drawn by the app itself as SVG: no library, no network, user text via textContent only.
// Ratings: a column per score 1-5 with its count, n and the average. Choices: a horizontal bar per option.
import { isolate, showUserText } from "../core/user-text.js";
import { nt, t } from "../core/i18n.js";

const SVG = "http://www.w3.org/2000/svg";

function svgElement(name, attributes = {}, text = null) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  // SVG text has no dir attribute: the text itself is isolated.
  if (text !== null) element.textContent = isolate(text);
  return element;
}

function element(name, className, text = null) {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text !== null) showUserText(node, text);
  return node;
}

function chartRoot(width, height, label) {
  const svg = svgElement("svg", {
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": label,
    class: "chart",
    preserveAspectRatio: "xMidYMid meet",
  });
  svg.append(svgElement("title", {}, label));
  return svg;
}

export function averageText(summary) {
  return summary.average_display ?? (summary.average == null ? "–" : summary.average.toFixed(1));
}

// Columns with their counts above and labels below; the tallest count fills the plot, so a small room
// still shows a shape. Used for the 1-5 ratings (with the ends' words) and for yes/no.
function columnChart({ labels, counts, keys, keyName, ends = [], description }) {
  const width = 420;
  const height = 230;
  const plotTop = 28;
  const plotBottom = 180;
  const max = Math.max(1, ...counts);
  const slot = width / counts.length;
  const barWidth = Math.min(slot * 0.6, 110);
  const svg = chartRoot(width, height, description);
  svg.append(svgElement("line", { x1: 0, x2: width, y1: plotBottom, y2: plotBottom, class: "chart-axis" }));
  counts.forEach((count, i) => {
    const barHeight = ((plotBottom - plotTop) * count) / max;
    const x = i * slot + (slot - barWidth) / 2;
    const middle = x + barWidth / 2;
    svg.append(
      svgElement("rect", {
        x,
        y: plotBottom - barHeight,
        width: barWidth,
        height: barHeight,
        class: `chart-bar ${keyName}-${keys[i]}`,
        [`data-${keyName}`]: keys[i],
        "data-count": count,
      }),
      svgElement("text", { x: middle, y: plotBottom - barHeight - 6, class: "chart-count", "text-anchor": "middle" }, String(count)),
      svgElement("text", { x: middle, y: plotBottom + 22, class: "chart-score", "text-anchor": "middle" }, labels[i]),
    );
  });
  const [low, high] = ends;
  if (low) svg.append(svgElement("text", { x: 4, y: plotBottom + 44, class: "chart-end", "text-anchor": "start" }, low));
  if (high) svg.append(svgElement("text", { x: width - 4, y: plotBottom + 44, class: "chart-end", "text-anchor": "end" }, high));
  return svg;
}

export function ratingChart(summary) {
  const counts = summary.distribution;
  const scores = counts.map((_count, i) => i + 1);
  const described = counts.map((count, i) => `${i + 1}: ${count}`).join(", ");
  return columnChart({
    labels: scores.map(String),
    counts,
    keys: scores,
    keyName: "score",
    ends: [summary.low_label, summary.high_label],
    description: t("Scores from 1 to 5 ({scores}); n = {n}, average {average}", { scores: described, n: summary.n, average: averageText(summary) }),
  });
}

// The server names the options "Yes" and "No" (the keys, the same for every reader); shown translated.
function yesNoLabel(option) {
  if (option === "Yes") return t("Yes");
  return option === "No" ? t("No") : option;
}

export function yesNoChart(summary) {
  const labels = summary.counts.map((c) => yesNoLabel(c.option));
  const counts = summary.counts.map((c) => c.count);
  return columnChart({
    labels,
    counts,
    keys: summary.counts.map((c) => c.option.toLowerCase()),
    keyName: "option",
    description: `${summary.counts.map((c) => `${yesNoLabel(c.option)}: ${c.count}`).join(", ")}; n = ${summary.n}`,
  });
}

// One bar per option, its label above it and its count at its end.
export function choiceChart(summary) {
  const width = 600;
  const rowHeight = 58;
  const counts = summary.counts;
  const height = Math.max(rowHeight, counts.length * rowHeight);
  const max = Math.max(1, ...counts.map((c) => c.count));
  const plotWidth = width - 70;
  const described = counts.map((c) => `${c.option}: ${c.count}`).join("; ");
  const svg = chartRoot(width, height, `${described}; n = ${summary.n}`);
  counts.forEach((entry, i) => {
    const y = i * rowHeight;
    const barWidth = (plotWidth * entry.count) / max;
    svg.append(
      svgElement("text", { x: 0, y: y + 18, class: "chart-option" }, entry.option),
      svgElement("rect", {
        x: 0,
        y: y + 26,
        width: Math.max(barWidth, entry.count ? 2 : 0),
        height: 22,
        class: `chart-bar option-${i}`,
        "data-option": entry.option,
        "data-count": entry.count,
      }),
      svgElement("text", { x: barWidth + 8, y: y + 43, class: "chart-count" }, String(entry.count)),
    );
  });
  return svg;
}

function summaryLine(question) {
  if (question.kind === "rating") return t("n = {n} · average {average} / 5", { n: question.n, average: averageText(question) });
  if (question.kind === "free_text") return nt("{n} comment", "{n} comments", question.n);
  return `n = ${question.n}`;
}

// The newest comments last; a projector shows only the last few, and says how many more there are.
function commentList(question, emptyText, maxComments) {
  const list = element("ul", "chart-comments");
  const shown = maxComments ? question.comments.slice(-maxComments) : question.comments;
  for (const comment of shown) list.append(element("li", "chart-comment", comment));
  if (!question.comments.length) list.append(element("li", "chart-comment muted", emptyText));
  const more = question.comments.length - shown.length;
  if (more > 0) list.append(element("li", "chart-comment chart-more muted", nt("and {n} more", "and {n} more", more)));
  return list;
}

// A <figure> for one question: heading, chart or comments, and "n = …" in words a screen reader reads.
export function questionFigure(question, { headingLevel = 3, commentsEmpty = t("No comments shown yet."), maxComments = 0 } = {}) {
  const figure = element("figure", `result result-${question.kind}`);
  figure.dataset.questionId = question.id;
  figure.append(element(`h${headingLevel}`, "result-prompt", question.prompt));
  if (question.kind === "rating") figure.append(ratingChart(question));
  else if (question.kind === "free_text") figure.append(commentList(question, commentsEmpty, maxComments));
  else if (question.kind === "yes_no") figure.append(yesNoChart(question));
  else figure.append(choiceChart(question));
  const caption = element("figcaption", "result-summary", summaryLine(question));
  caption.dataset.n = question.n;
  figure.append(caption);
  return figure;
}

// Replace the container's content with a figure per question (or a message when there is nothing yet).
export function renderResults(container, results, options = {}) {
  if (!results) {
    container.replaceChildren(element("p", "muted", options.emptyText ?? t("Results appear once the questionnaire opens.")));
    return;
  }
  const figures = results.questions
    .filter((question) => !options.kinds || options.kinds.includes(question.kind))
    .map((question) => questionFigure(question, options));
  container.replaceChildren(...figures);
}
