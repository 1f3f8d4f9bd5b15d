// "Your table" on the attendee's phone: looks itself up in the public plan, follows seating:changed live,
// and sends the optional profile (side, organisation, whether to show it) the organiser seats by.
import { EVENTS } from "../core/events.js";
import { t } from "../core/i18n.js";

function describe(table) {
  return table.colour_name ? `${table.name} (${table.colour_name})` : table.name;
}

export function mountMyTable(live) {
  const text = document.getElementById("my-table-text");
  if (!text) return;
  const card = document.getElementById("my-table");
  const dot = card.querySelector(".table-dot");
  const form = document.getElementById("seating-profile");
  const status = document.getElementById("seating-profile-status");
  let personId = null;
  let latest = 0;

  function show(plan) {
    const table = plan.tables.find((t) => t.people.some((person) => person.id === personId));
    card.dataset.round = plan.round ?? "";
    if (!plan.round) text.textContent = t("The organiser has not seated people yet.");
    else if (!table) text.textContent = personId ? t("You are not seated yet; ask the organiser.") : t("Say which side you come from below to get a table.");
    else text.textContent = t("Round {round} · your table: {table}", { round: plan.round, table: describe(table) });
    dot.toggleAttribute("hidden", !table);
    if (table) dot.firstElementChild.setAttribute("fill", table.colour);
  }

  function fill(profile) {
    if (!profile) return;
    const value = profile.perspective_id === null ? "" : String(profile.perspective_id);
    for (const radio of form.elements.perspective_id) radio.checked = radio.value === value;
    form.elements.organisation.value = profile.organisation;
    form.elements.organisation_shared.checked = profile.organisation_shared;
  }

  async function load() {
    const ack = await live.request(EVENTS.SEATING_MINE, {});
    if (!ack.ok || ack.revision < latest) return;
    latest = ack.revision;
    personId = ack.profile?.person_id ?? null;
    fill(ack.profile);
    show(ack.plan);
  }

  live.socket.on(EVENTS.SEATING_CHANGED, (envelope) => {
    if (envelope.revision < latest) return;
    latest = envelope.revision;
    show(envelope.data);
  });
  live.socket.on("connect", load);
  if (live.socket.connected) load();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = form.elements.perspective_id.value;
    const ack = await live.request(EVENTS.SEATING_PROFILE, {
      perspective_id: chosen === "" ? null : Number(chosen),
      organisation: form.elements.organisation.value,
      organisation_shared: form.elements.organisation_shared.checked,
    });
    status.textContent = ack.ok ? t("Saved. Thank you.") : ack.message;
    if (ack.ok) {
      personId = ack.profile.person_id;
      latest = Math.max(latest, ack.revision);
      show(ack.plan);
    }
  });
}
