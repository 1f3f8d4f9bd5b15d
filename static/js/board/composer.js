// The note form shared by phone and tablet: pick a board, a section, a perspective, write, send.
import { showUserText } from "../core/user-text.js";
import { t } from "../core/i18n.js";

function radioGroup(fieldset, name, options, selected, onChange) {
  const legend = fieldset.querySelector("legend");
  fieldset.replaceChildren(legend);
  const wrap = document.createElement("div");
  wrap.className = "choices";
  for (const option of options) {
    const id = `${name}-${option.value ?? "none"}`;
    const input = document.createElement("input");
    input.type = "radio";
    input.name = name;
    input.id = id;
    input.value = option.value ?? "";
    input.checked = option.value === selected;
    input.addEventListener("change", () => onChange(option.value));
    const label = document.createElement("label");
    label.htmlFor = id;
    label.className = "choice";
    showUserText(label, option.label);
    wrap.append(input, label);
  }
  fieldset.append(wrap);
  fieldset.hidden = options.length === 0;
}

export class Composer {
  constructor(form, store, { boardFilter = () => true, perspectiveOptional = true, onSubmit, onBoardChange, onCount }) {
    this.form = form;
    this.store = store;
    this.boardFilter = boardFilter;
    this.perspectiveOptional = perspectiveOptional;
    this.onSubmit = onSubmit;
    this.onBoardChange = onBoardChange ?? (() => {});
    this.onCount = onCount ?? (() => {});
    // The phone shows the current board on one line with a Switch button; the choices open on demand.
    this.current = form.querySelector("[data-board-current]");
    this.switchButton = form.querySelector("[data-board-switch]");
    this.switchButton?.addEventListener("click", () => this.openChooser(this.switchButton.getAttribute("aria-expanded") !== "true"));
    this.boardId = null;
    this.sectionId = null;
    this.perspectiveId = null;
    this.text = form.querySelector("textarea");
    this.counter = form.querySelector("[data-counter]");
    this.error = form.querySelector("[data-error]");
    this.prompt = form.querySelector("[data-prompt]");
    this.limit = Number(this.text.maxLength) || 500;
    this.text.addEventListener("input", () => {
      this.count();
      if (this.text.value.trim()) this.clearError(this.text);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.render();
    this.count();
  }

  boards() {
    return this.store.structure.boards.filter(this.boardFilter);
  }

  render() {
    const boards = this.boards();
    if (!boards.some((board) => board.id === this.boardId)) this.boardId = boards[0]?.id ?? null;
    radioGroup(
      this.form.querySelector("[data-choice=board]"),
      "board",
      boards.map((board) => ({ value: board.id, label: board.title })),
      this.boardId,
      (value) => this.chooseBoard(value),
    );
    this.renderBoardChoices();
    this.showCurrentBoard(boards);
    if (this.current) this.openChooser(this.chooserOpen ?? false, { focus: false });
    const nothing = boards.length === 0;
    this.form.querySelector("button[type=submit]").disabled = nothing;
    this.text.disabled = nothing;
    if (nothing) this.showError(t("No board is open for posting right now."));
  }

  chooseBoard(boardId) {
    this.boardId = boardId;
    this.renderBoardChoices();
    this.showCurrentBoard(this.boards());
    this.clearError(this.switchButton);
    this.onBoardChange(boardId);
  }

  showCurrentBoard(boards) {
    if (!this.current) return;
    const board = this.store.board(this.boardId);
    showUserText(this.current.querySelector("[data-board-name]"), board ? board.title : "none open");
    this.switchButton.hidden = boards.length < 2;
    if (boards.length < 2) this.openChooser(false, { focus: false });
  }

  openChooser(open, { focus = true } = {}) {
    if (!this.current) return;
    const fieldset = this.form.querySelector("[data-choice=board]");
    this.chooserOpen = open;
    fieldset.hidden = !open;
    this.switchButton.setAttribute("aria-expanded", String(open));
    this.switchButton.textContent = open ? t("Done") : t("Switch");
    if (open && focus) fieldset.querySelector("input:checked, input")?.focus();
  }

  renderBoardChoices() {
    const board = this.store.board(this.boardId);
    const sections = board ? board.sections : [];
    if (!sections.some((s) => s.id === this.sectionId)) this.sectionId = sections[0]?.id ?? null;
    radioGroup(
      this.form.querySelector("[data-choice=section]"),
      "section",
      sections.length > 1 ? sections.map((s) => ({ value: s.id, label: s.name })) : [],
      this.sectionId,
      (value) => {
        this.sectionId = value;
      },
    );
    const perspectives = board && board.uses_perspective ? this.store.structure.perspectives : [];
    const options = perspectives.map((p) => ({ value: p.id, label: p.name }));
    if (options.length && this.perspectiveOptional) options.push({ value: null, label: t("Not saying") });
    if (!options.some((o) => o.value === this.perspectiveId)) this.perspectiveId = options[0]?.value ?? null;
    radioGroup(this.form.querySelector("[data-choice=perspective]"), "perspective", options, this.perspectiveId, (value) => {
      this.perspectiveId = value;
    });
    if (this.prompt) showUserText(this.prompt, board ? board.prompt : "");
  }

  count() {
    const used = this.text.value.length;
    this.counter.textContent = `${used} / ${this.limit}`;
    this.counter.classList.toggle("is-near-limit", used > this.limit - 40);
    this.onCount(this.limit - used);
  }

  showError(message) {
    this.error.textContent = message;
    this.error.hidden = !message;
  }

  // The first problem is scrolled to the middle of the screen (clear of the Send button) and focused, so
  // its label and the error (its description) are read out; the error goes as soon as it is fixed.
  fail(message, field) {
    this.showError(message);
    if (!field) return;
    field.setAttribute("aria-invalid", "true");
    this.invalid = field;
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  }

  clearError(field) {
    if (!field || this.invalid !== field) return;
    field.removeAttribute("aria-invalid");
    this.invalid = null;
    this.showError("");
  }

  submit() {
    const text = this.text.value.trim();
    if (!text) {
      this.fail(t("Write something before sending."), this.text);
      return;
    }
    if (this.boardId === null || this.sectionId === null) {
      this.fail(t("Choose a board first."), this.switchButton && !this.switchButton.hidden ? this.switchButton : null);
      return;
    }
    this.clearError(this.invalid);
    this.showError("");
    const payload = { board_id: this.boardId, section_id: this.sectionId, text };
    if (this.perspectiveId !== null) payload.perspective_id = this.perspectiveId;
    this.onSubmit(payload);
    this.text.value = "";
    this.count();
    this.text.focus();
  }
}
