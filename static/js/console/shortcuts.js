// Single keys for the common actions of the day, ignored while typing in a field or with a modifier held.
const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);

export function bindShortcuts(doc, actions) {
  doc.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const target = event.target;
    if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
    const action = actions[event.key.toLowerCase()];
    if (!action) return;
    event.preventDefault();
    action();
  });
}
