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
// DejaVu Sans (regular, bold) for server-side exports: the PDF embeds it and the board pictures
// are drawn with it, because it covers Latin with accents, Greek, Cyrillic, Arabic and Hebrew.
for (const name of ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE"]) {
  const target = name === "LICENSE" ? "DejaVuSans-LICENSE.txt" : name;
  const source = name === "LICENSE" ? "node_modules/dejavu-fonts-ttf/LICENSE" : `node_modules/dejavu-fonts-ttf/ttf/${name}`;
  copyFileSync(join(root, source), join(vendor, "fonts", target));
}
// Noto Emoji (monochrome) for the same exports: DejaVu has no emoji. The PDF and PNG pick a glyph
// from these subsets when DejaVu lacks one; WOFF 1 is plain zlib, so Python unpacks it without extra packages.
const emojiDir = join(root, "node_modules/@fontsource/noto-emoji/files");
for (const name of readdirSync(emojiDir)) {
  if (/^noto-emoji-[\w]+-400-normal\.woff$/.test(name)) copyFileSync(join(emojiDir, name), join(vendor, "fonts", name));
}
console.log("static/vendor ready");
