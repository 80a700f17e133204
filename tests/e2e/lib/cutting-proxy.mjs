// A TCP proxy on 127.0.0.1 that forwards to a target port and, while cutting is on,
// closes connections at random in the middle of a frame: it forwards only the first part
// of a chunk, then destroys both sides. Randomness comes from a seeded generator, so a
// failing run can be repeated with the seed it printed.

import net from 'node:net';

/** mulberry32: a small seeded generator of floats in [0, 1). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class CuttingProxy {
  /**
   * @param targetPort      where connections are forwarded (127.0.0.1)
   * @param random          a () => [0, 1) generator
   * @param cutChance       chance that a forwarded chunk is cut
   * @param maxLifetimeMs   a connection is cut at its first chunk after a random lifetime
   *                        below this, so quiet directions are cut too
   */
  constructor(targetPort, { random = Math.random, cutChance = 0.01, maxLifetimeMs = 6000 } = {}) {
    this.targetPort = targetPort;
    this.random = random;
    this.cutChance = cutChance;
    this.maxLifetimeMs = maxLifetimeMs;
    this.cutting = true;
    this.cuts = 0;
    this.accepted = 0;
    this.pairs = new Set();
    this.server = net.createServer((client) => this.onClient(client));
  }

  /** Listens on an ephemeral port of 127.0.0.1; resolves with it. */
  listen() {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.port = this.server.address().port;
        resolve(this.port);
      });
    });
  }

  onClient(client) {
    this.accepted += 1;
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    const pair = { client, upstream, cutAt: Date.now() + this.random() * this.maxLifetimeMs };
    this.pairs.add(pair);
    const close = () => {
      if (!this.pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      s.on('error', close);
      s.on('close', close);
    }
    client.on('data', (chunk) => this.forward(pair, chunk, upstream, close));
    upstream.on('data', (chunk) => this.forward(pair, chunk, client, close));
  }

  forward(pair, chunk, to, close) {
    if (pair.cut) return; // TCP never splices: nothing passes after the cut
    if (this.cutting && (Date.now() >= pair.cutAt || this.random() < this.cutChance)) {
      // Mid-frame: some bytes of the chunk, never all of it.
      const keep = chunk.length > 1 ? 1 + Math.floor(this.random() * (chunk.length - 1)) : 0;
      this.cuts += 1;
      pair.cut = true;
      if (keep > 0) to.write(chunk.subarray(0, keep), close);
      else close();
      return;
    }
    to.write(chunk);
  }

  /** Turns cutting on or off (off: a plain forwarder). */
  setCutting(on) {
    this.cutting = on;
    const now = Date.now();
    for (const pair of this.pairs) pair.cutAt = now + this.random() * this.maxLifetimeMs;
  }

  close() {
    for (const pair of [...this.pairs]) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    this.pairs.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
