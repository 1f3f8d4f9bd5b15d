// Copy the browser builds we serve from node_modules into static/vendor (gitignored).
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const vendor = join(root, "static", "vendor");
mkdirSync(join(vendor, "fonts"), { recursive: true });

copyFileSync(
  join(root, "node_modules/socket.io-client/dist/socket.io.esm.min.js"),
  join(vendor, "socket.io.esm.min.js"),
);

// Latin and Latin-extended subsets of Atkinson Hyperlegible, designed for low-vision legibility.
const fontDir = join(root, "node_modules/@fontsource/atkinson-hyperlegible/files");
for (const name of readdirSync(fontDir)) {
  if (/^atkinson-hyperlegible-latin(-ext)?-(400|700)-(normal|italic)\.woff2$/.test(name)) {
    copyFileSync(join(fontDir, name), join(vendor, "fonts", name));
  }
}
console.log("static/vendor ready");
