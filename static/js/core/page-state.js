// Reads the JSON state island the server renders into every live page.
export function readPageState() {
  const island = document.getElementById("page-state");
  if (!island) throw new Error("page-state island missing");
  return JSON.parse(island.textContent);
}
