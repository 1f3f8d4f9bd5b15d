// The Node baseline: a bare socket.io 4.8 server (pinned in package.json), speaking the product's posting
// protocol: one room; note:post is broadcast as note:added with a revision; sync answers the revision.
// Run: node bench/bare_node.mjs PORT
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2]);
const http = createServer();
const io = new Server(http, { cors: { origin: "*" }, transports: ["websocket", "polling"] });
const live = io.of("/live");
let revision = 0;

live.on("connection", (socket) => {
  socket.join("all");
  socket.on("note:post", (data, ack) => {
    revision += 1;
    const note = { ...data, id: revision, revision };
    live.to("all").emit("note:added", { revision, event: "note:added", data: { note } });
    if (typeof ack === "function") ack({ ok: true, note, revision, duplicate: false });
  });
  socket.on("sync", (_data, ack) => {
    if (typeof ack === "function") ack({ ok: true, reset: false, revision, changes: [] });
  });
});

http.listen({ port, host: "127.0.0.1", backlog: 4096 }, () => console.log(`bare node socket.io on ${port}`));
