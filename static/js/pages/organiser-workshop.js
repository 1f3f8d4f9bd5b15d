// Organiser editor: paint group swatches (CSP forbids inline style attributes, CSSOM is fine).
for (const swatch of document.querySelectorAll("[data-colour]")) {
  swatch.style.setProperty("--swatch", swatch.dataset.colour);
}
