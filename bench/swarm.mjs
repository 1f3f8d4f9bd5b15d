// The websocket swarm every server in `make bench` faces: raw Engine.IO 4 / Socket.IO 5 over `ws`, no
// client library, so thousands of phones cost the swarm little CPU and the server is what is measured.
// Run: node bench/swarm.mjs config.json  ->  one JSON result on stdout. bench/points.py builds configs.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

const NS = "/live";
const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const now = () => performance.now();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const swarmErrors = { count: 0, first: undefined };

class Phone {
  constructor(auth, onEvent = () => {}) {
    this.auth = auth;
    this.onEvent = onEvent;
    this.acks = new Map();
    this.nextId = 1;
    this.revision = 0;
  }

  connect() {
    return new Promise((resolve, reject) => {
      const url = `${config.url.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`;
      const ws = new WebSocket(url, { perMessageDeflate: false });
      this.ws = ws;
      const timer = setTimeout(() => reject(new Error("connect timeout")), 60000);
      ws.on("message", (raw) => {
        try {
          this.receive(raw.toString(), ws, timer, resolve, reject);
        } catch (error) {
          // One frame the swarm cannot read must not end the scenario: counted and shown in the result.
          swarmErrors.count += 1;
          swarmErrors.first ??= `${error.message} on ${raw.toString().slice(0, 120)}`;
        }
      });
      ws.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.on("close", () => {
        if (this.ws === ws) this.open = false; // a dropped socket's late close must not mark its successor
        for (const callback of this.acks.values()) callback({ ok: false, code: "closed" });
        this.acks.clear();
      });
    });
  }

  receive(text, ws, timer, resolve, reject) {
    if (text === "2") return ws.send("3");
    if (text[0] === "0") return ws.send(`40${NS},${JSON.stringify(this.auth || {})}`);
    if (text.startsWith(`40${NS}`)) {
      clearTimeout(timer);
      this.open = true;
      return resolve(this);
    }
    if (text.startsWith(`44${NS}`)) {
      clearTimeout(timer);
      return reject(new Error(text));
    }
    if (text.startsWith(`42${NS},`)) {
      const [event, payload] = JSON.parse(text.slice(NS.length + 3));
      return this.onEvent(event, payload, this);
    }
    if (text.startsWith(`43${NS},`)) {
      const body = text.slice(NS.length + 3);
      const bracket = body.indexOf("[");
      const id = Number(body.slice(0, bracket));
      const callback = this.acks.get(id);
      this.acks.delete(id);
      if (callback) callback(JSON.parse(body.slice(bracket))[0]);
    }
  }

  call(event, payload) {
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.acks.set(id, resolve);
      this.ws.send(`42${NS},${id}${JSON.stringify([event, payload])}`);
    });
  }

  drop() {
    this.open = false;
    this.ws?.terminate();
  }
}

// A phone joining the room before a scenario starts: a refusal (the server busy) is retried after a backoff,
// as the browser would, so a slow server delays the scenario instead of ending it.
async function connected(phone) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await phone.connect();
    } catch (error) {
      phone.drop();
      if (attempt >= 9) throw error;
      await sleep(delay(attempt));
    }
  }
}

async function inBatches(items, width, work) {
  const results = [];
  for (let i = 0; i < items.length; i += width) {
    results.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  }
  return results;
}

function stats(values) {
  if (!values.length) return { n: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
  const round = (v) => Math.round(v * 10) / 10;
  return { n: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(at(1)) };
}

function rssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

// Listeners record when each marked note arrives, alone or inside a batched `changes` frame.
function listener(sentAt, latencies) {
  return (event, payload, phone) => {
    const envelopes = event === "changes" ? payload : event === "note:added" ? [payload] : [];
    const at = now();
    for (const envelope of envelopes) {
      if (envelope.revision > phone.revision) phone.revision = envelope.revision;
      const sent = sentAt.get(envelope.data?.note?.text);
      if (sent !== undefined) latencies.push(at - sent);
    }
  };
}

function notePayload(text) {
  return { client_id: `b${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`, board_id: config.board_id, section_id: config.section_id, text };
}

async function post(posters, sentAt, ackLatencies, count, rate, failures) {
  const start = now();
  const pending = [];
  for (let i = 0; i < count; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    const text = `m${config.tag}-${i}`;
    const sentAtMs = now();
    sentAt.set(text, sentAtMs);
    pending.push(
      posters[i % posters.length].call("note:post", notePayload(text)).then((ack) => {
        if (ack && ack.ok) ackLatencies.push(now() - sentAtMs);
        else failures.push(ack && ack.code);
        return ack;
      }),
    );
  }
  const acks = await Promise.all(pending);
  return { acks, seconds: (now() - start) / 1000 };
}

async function fanout() {
  const sentAt = new Map();
  const latencies = [];
  const ackLatencies = [];
  const failures = [];
  const phones = await inBatches(config.phones, 50, (auth) => connected(new Phone(auth, listener(sentAt, latencies))));
  const posters = await inBatches(config.posters, 50, (auth) => connected(new Phone(auth)));
  await sleep(1000);
  const count = Math.round(config.rate * config.seconds);
  const { acks, seconds } = await post(posters, sentAt, ackLatencies, count, config.rate, failures);
  const expected = count * phones.length;
  const deadline = now() + 15000;
  while (latencies.length < expected && now() < deadline) await sleep(100);
  await sleep(500);
  for (const phone of [...phones, ...posters]) phone.drop();
  return {
    phones: phones.length,
    posts: count,
    posting_seconds: Math.round(seconds * 100) / 100,
    acked: acks.filter((ack) => ack && ack.ok).length,
    failures: failures.slice(0, 5),
    delivered: latencies.length,
    expected,
    fanout_ms: stats(latencies),
    ack_ms: stats(ackLatencies),
  };
}

async function hold() {
  const before = rssKb(config.pid);
  const started = now();
  const phones = await inBatches(config.phones, 100, (auth) => connected(new Phone(auth)));
  const connectSeconds = (now() - started) / 1000;
  await sleep(3000);
  const after = rssKb(config.pid);
  for (const phone of phones) phone.drop();
  return {
    held: phones.length,
    connect_seconds: Math.round(connectSeconds * 10) / 10,
    rss_before_kb: before,
    rss_after_kb: after,
    kb_per_connection: Math.round(((after - before) / phones.length) * 10) / 10,
  };
}

// Full jitter, as static/js/core/catch-up.js reconnectDelay (1 s doubling, 8 s cap).
const delay = (attempt) => Math.floor(Math.random() * Math.min(8000, 1000 * 2 ** attempt));

async function reconnect() {
  // Phones follow the revision from broadcasts (alone or batched) and from their sync acks.
  const follow = (event, payload, phone) => {
    const envelopes = event === "changes" ? payload : event === "note:added" ? [payload] : [];
    for (const envelope of envelopes) if (envelope.revision > phone.revision) phone.revision = envelope.revision;
  };
  const phones = await inBatches(config.phones, 50, async (auth) => {
    const phone = await connected(new Phone(auth, follow));
    const ack = await phone.call("sync", { since: 0 });
    phone.revision = ack.ok ? ack.revision : 0; // refused under load: it catches up from 0 after the drop
    return phone;
  });
  const [poster] = await inBatches(config.posters.slice(0, 1), 1, (auth) => connected(new Phone(auth)));
  await sleep(1000);
  const dropped = now();
  for (const phone of phones) phone.drop();
  // While the room is away, three notes are posted: every phone must come back with them.
  const target = { latest: Number.POSITIVE_INFINITY, postedMs: null };
  const posting = (async () => {
    for (let i = 0; i < 3; i += 1) {
      target.candidate = (await poster.call("note:post", notePayload(`r${config.tag}-${i}`))).revision;
    }
    target.latest = target.candidate;
    target.postedMs = Math.round(now() - dropped);
  })();
  const caughtUp = await Promise.all(
    phones.map(async (phone) => {
      for (let attempt = 0; ; attempt += 1) {
        await sleep(delay(attempt));
        try {
          // A refused sync (the server busy) is asked again on the same socket, as catch-up.js does; only
          // a socket that closed or never opened is opened afresh (never a second socket beside the first).
          if (!phone.open) await phone.connect();
          const ack = await phone.call("sync", { since: phone.revision });
          if (!ack.ok) continue;
          if (ack.revision > phone.revision) phone.revision = ack.revision;
          while (phone.revision < target.latest) await sleep(10);
          return now() - dropped;
        } catch {
          // refused or reset under the burst: back off and try again, as a phone would
          phone.drop();
        }
      }
    }),
  );
  await posting;
  for (const phone of [...phones, poster]) phone.drop();
  return {
    phones: phones.length,
    latest_revision: target.latest,
    posted_ms: target.postedMs,
    all_back_ms: Math.round(Math.max(...caughtUp)),
    back_ms: stats(caughtUp),
  };
}

const scenarios = { fanout, hold, reconnect };
scenarios[config.scenario]()
  .then((result) => {
    if (swarmErrors.count) result.swarm_errors = swarmErrors;
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  })
  .catch((error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(1);
  });
