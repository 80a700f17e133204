// The soak test's bookkeeping: what each server sent (chat lines and visitors' joins and
// leaves, each with a unique token), what every other server showed, and the checks:
// exactly once, in order per sender. Also times each server's reconnects from its own
// "Disconnected from chat." and "Connected to host chat" lines.

const CHAT = /<b>P\d+[ab]<\/>:<\/> (s(\d+)x\d+)$/;
const PRESENCE = /<b>(Vs(\d+)x\d+)<\/> has (joined|left) <b>/;

export class SoakLedger {
  constructor() {
    this.events = new Map();  // "kind:token" -> {origin, index}
    this.sentBy = new Map();  // origin -> number of events sent
    this.counter = 0;
    this.servers = new Map(); // index -> {seen: Map(origin -> [index...]), downSince, longest}
    this.hubKills = 0;
  }

  /** Records what server `index` shows from now on. */
  watch(index, server) {
    const state = { seen: new Map(), downSince: null, longestMs: 0, unknown: [], joins: 0 };
    this.servers.set(index, state);
    const push = server.rec.push.bind(server.rec);
    server.rec.push = (kind, value) => {
      if (kind === 'broadcast') this.onLine(state, String(value));
      push(kind, value);
    };
  }

  /** A new event of `origin` ('chat' or 'joined'); returns its token (content or name). */
  sent(origin, kind) {
    const n = ++this.counter;
    const token = kind === 'chat' ? `s${origin}x${n}` : `Vs${origin}x${n}`;
    this.record(origin, kind, token);
    return token;
  }

  /** A visitor named `name` of `origin` leaves. */
  sentPresence(origin, kind, name) {
    this.record(origin, kind, name);
  }

  record(origin, kind, token) {
    const index = this.sentBy.get(origin) ?? 0;
    this.sentBy.set(origin, index + 1);
    this.events.set(`${kind}:${token}`, { origin, index });
  }

  onLine(state, line) {
    const now = Date.now();
    if (line.includes('>Disconnected from chat.</>')) {
      state.downSince ??= now;
      return;
    }
    if (line.includes('>Connected to host chat ')) {
      state.joins += 1;
      if (state.downSince !== null) state.longestMs = Math.max(state.longestMs, now - state.downSince);
      state.downSince = null;
      return;
    }
    let key;
    let m = CHAT.exec(line);
    if (m) key = `chat:${m[1]}`;
    else if ((m = PRESENCE.exec(line))) key = `${m[3]}:${m[1]}`;
    else return;
    const event = this.events.get(key);
    if (!event) {
      state.unknown.push(line);
      return;
    }
    if (!state.seen.has(event.origin)) state.seen.set(event.origin, []);
    state.seen.get(event.origin).push(event.index);
  }

  /** Counts per (receiver, origin) pair; `problems` names the first few of each kind. */
  report() {
    const r = { sent: 0, expected: 0, delivered: 0, lost: 0, duplicated: 0, outOfOrder: 0,
      longestReconnectMs: 0, problems: [] };
    r.sent = [...this.sentBy.values()].reduce((a, b) => a + b, 0);
    for (const [receiver, state] of this.servers) {
      r.longestReconnectMs = Math.max(r.longestReconnectMs, state.longestMs);
      for (const line of state.unknown.slice(0, 3)) r.problems.push(`server ${receiver} showed an unknown line: ${line}`);
      for (const [origin, count] of this.sentBy) {
        if (origin === receiver) continue;
        r.expected += count;
        const seen = state.seen.get(origin) ?? [];
        r.delivered += seen.length;
        const unique = new Set(seen);
        const dup = seen.length - unique.size;
        const missing = [];
        for (let i = 0; i < count; ++i) if (!unique.has(i)) missing.push(i);
        const lost = missing.length;
        let disorder = 0;
        for (let i = 1; i < seen.length; ++i) if (seen[i] < seen[i - 1]) disorder += 1;
        r.duplicated += dup;
        r.lost += lost;
        r.outOfOrder += disorder;
        if (lost || dup || disorder) {
          r.problems.push(`server ${receiver} from server ${origin}: ${count} sent, ${seen.length} shown, ` +
            `${lost} lost, ${dup} duplicated, ${disorder} out of order` +
            (lost ? ` (events ${missing.slice(0, 10).join(', ')}${lost > 10 ? ', ...' : ''} of that server)` : ''));
        }
      }
    }
    return r;
  }

  /** True when every other server has shown every event of every origin. */
  complete() {
    for (const [receiver, state] of this.servers) {
      for (const [origin, count] of this.sentBy) {
        if (origin === receiver) continue;
        if (new Set(state.seen.get(origin) ?? []).size < count) return false;
      }
    }
    return true;
  }

  /** Waits until every watched server has joined the network once; false after `timeoutMs`. */
  async waitJoined(timeoutMs) {
    const until = Date.now() + timeoutMs;
    const joined = () => [...this.servers.values()].every((state) => state.joins > 0);
    while (Date.now() < until && !joined()) await new Promise((resolve) => setTimeout(resolve, 100));
    return joined();
  }

  /**
   * Waits (polling) until complete() or `timeoutMs`, then `settleMs` more so late
   * duplicates show; resolves with whether it completed.
   */
  async waitComplete(timeoutMs, settleMs = 3000) {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const until = Date.now() + timeoutMs;
    while (Date.now() < until && !this.complete()) await sleep(200);
    await sleep(settleMs);
    return this.complete();
  }
}
