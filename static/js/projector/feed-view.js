// A projector view fed by one feature's own state (activities, seating, the graphic recording): the state is
// asked for on every (re)connect and replaced by each change event at least as new as what the view holds,
// so a screen that missed an event is right again after its next connect. Views: see views.js.

import { ensureStylesheet } from "./stylesheet.js";

// feed: { stylesheet, stateEvent, changedEvent, fromAck(ack), fromChange(envelope), show(state) }
export function feedView(ctx, feed) {
  ensureStylesheet(feed.stylesheet);
  let latest = 0;
  let state = null;

  function receive(revision, next) {
    if (revision < latest) return;
    latest = revision;
    state = next;
    feed.show(state);
  }

  const onChanged = (envelope) => receive(envelope.revision, feed.fromChange(envelope));
  async function load() {
    const ack = await ctx.live.request(feed.stateEvent, {});
    if (ack.ok) receive(ack.revision, feed.fromAck(ack));
  }

  const socket = ctx.live.socket;
  socket.on(feed.changedEvent, onChanged);
  socket.on("connect", load);
  if (socket.connected) load();

  return {
    render() {
      feed.show(state);
      ctx.setPageCount(1);
    },
    noteAdded() {},
    noteChanged() {},
    showPage() {},
    destroy() {
      socket.off(feed.changedEvent, onChanged);
      socket.off("connect", load);
    },
  };
}
