// Note ids made on the device. crypto.randomUUID needs HTTPS, which a venue laptop on plain
// http over the local network does not have; getRandomValues works everywhere.
export function newClientId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
