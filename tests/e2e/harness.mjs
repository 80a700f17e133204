// The e2e harness: plays Omegga for several plugin processes, runs csc-hub, and offers
// the waiting helpers the tests use. Import everything from here.
//
//   const net = new Network();                       // one per test file
//   const host = net.server('host', {hosting: true}); // a FakeOmegga, config defaults applied
//   await net.start(host);                           // spawn + bootstrap + init (asserted)
//   host.chat('Alice', 'hi'); await other.waitForBroadcast(line.chat(...));
//   await net.cleanup();                             // in after(): stops everything

import assert from 'node:assert/strict';

import { FakeOmegga, makePlayer } from './lib/omegga.mjs';
import { HubProcess } from './lib/hub.mjs';
import { freePort } from './lib/paths.mjs';
import { line } from './lib/lines.mjs';

export { FakeOmegga, makePlayer } from './lib/omegga.mjs';
export { HubProcess } from './lib/hub.mjs';
export { freePort, repoRoot, buildDir } from './lib/paths.mjs';
export { line, whisper, playerLine, sanitize, sanitizedTokens, escapeMarkup } from './lib/lines.mjs';
export { OriginalHost, OriginalClient } from './original-peer.mjs';
export { askedLines, commandLines, expectWho } from './lib/commands.mjs';

/** The answer `init` must give. */
export const INIT_RESULT = { registeredCommands: ['csc'] };

/** The server-facing identity (name/color/prefix) of a FakeOmegga, for line builders. */
export function identity(server) {
  const { name, color, prefix } = server.config;
  return { name, color, prefix };
}

/** How the standard test servers present themselves (Network.standardServers). */
export const STANDARD_SERVERS = {
  host: { hosting: true, name: 'Host Server', color: 'ff0000', prefix: '[H]' },
  alpha: { hosting: false, name: 'Alpha', color: '00ff00', prefix: '[A]' },
  bravo: { hosting: false, name: 'Bravo', color: '0000ff', prefix: '[B]' },
};

/** Owns every process of one test file and stops them all, even after a failure. */
export class Network {
  constructor() {
    this.servers = [];
    this.others = [];
  }

  /** A new game server (not started). `players` may be names or makePlayer() objects. */
  server(label, config = {}, players = []) {
    const list = players.map((p) => (typeof p === 'string' ? makePlayer(p) : p));
    const s = new FakeOmegga(label, { config, players: list });
    this.servers.push(s);
    return s;
  }

  /** Starts a plugin and asserts that init answers {"registeredCommands":["csc"]} within 5 s. */
  async start(server) {
    const result = await server.start({ initTimeoutMs: 5000 });
    assert.deepEqual(result, INIT_RESULT, `${server.label}: init answered ${JSON.stringify(result)}`);
    return result;
  }

  /**
   * Game servers of one network on a free port (not started). `servers` maps labels to
   * `{ config, players }`: each config is laid over `{ ip: '127.0.0.1', port,
   * 'reconnect-interval': 1 }`, then `shared`, then (for `host`, `alpha` and `bravo`) how
   * that server of STANDARD_SERVERS presents itself; `players` are the players online.
   * Returns `{ port, ...servers by label }`.
   */
  async standardServers(servers, shared = {}) {
    const port = await freePort();
    const common = { ip: '127.0.0.1', port, 'reconnect-interval': 1, ...shared };
    const out = { port };
    for (const [label, { config = {}, players = [] }] of Object.entries(servers)) {
      out[label] = this.server(label, { ...common, ...STANDARD_SERVERS[label], ...config }, players);
    }
    return out;
  }

  /**
   * Starts the hosting plugin `host`, then each of `clients` in turn, each once the one before
   * shows it joined: "Connected to host chat" with the host's players.
   */
  async startJoined(host, ...clients) {
    await this.start(host);
    for (const client of clients) {
      await this.start(client);
      await client.waitForBroadcast(line.connectedToHost(identity(host), host.players.length));
    }
  }

  /** A csc-hub process (started) listening on `port`. */
  hub(options) {
    const hub = new HubProcess(options);
    hub.start();
    this.others.push(hub);
    return hub;
  }

  /** Registers an original peer so cleanup shuts it down. */
  adopt(peer) {
    this.others.push(peer);
    return peer;
  }

  async cleanup() {
    await Promise.allSettled(this.servers.map((s) => s.stop()));
    await Promise.allSettled(this.others.map((o) => (o.stop ? o.stop() : o.shutdown())));
  }

  /** Fails if a plugin died on its own (without being stopped) or spoke bad JSON-RPC. */
  assertHealthy() {
    for (const s of this.servers) assertHealthy(s);
  }

  /** Stops everything, then checks every process's whole life: for after() hooks. */
  async finish() {
    await this.cleanup();
    this.assertHealthy();
    for (const o of this.others) {
      if (o instanceof HubProcess) assertNoSanitizerReport(o.rec.list('stderr'), 'csc-hub');
    }
  }
}

const SANITIZER_REPORT = /AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:/;

function assertNoSanitizerReport(stderrLines, label) {
  const hits = stderrLines.filter((l) => SANITIZER_REPORT.test(l));
  assert.deepEqual(hits, [], `${label}: sanitizer report on stderr:\n${stderrLines.slice(-40).join('\n')}`);
}

/** Asserts a plugin did not die unasked and wrote nothing but valid JSON-RPC to stdout. */
export function assertHealthy(server) {
  const unexpected = server.exits.filter((e) => !e.expected);
  assert.equal(unexpected.length, 0,
    `${server.label}: plugin exited unasked: ${JSON.stringify(unexpected)}\n${server.describe()}`);
  assert.deepEqual(server.rec.list('nonJson'), [], `${server.label}: non-JSON lines on stdout`);
  assert.deepEqual(server.rec.list('badMessage'), [], `${server.label}: invalid JSON-RPC on stdout`);
  // Stopped processes end with status 0 or by the signal Omegga sends, never with an error.
  const failed = server.exits.filter((e) => e.code !== null && e.code !== 0);
  assert.deepEqual(failed, [], `${server.label}: plugin exited with an error status\n${server.describe()}`);
  assertNoSanitizerReport(server.rec.list('stderr'), server.label);
}

/**
 * Asserts nothing matching `unwanted` was broadcast on `server` since `since`. Call it only
 * after a later marker line has arrived on that server, so absence means something.
 */
export function assertNoBroadcast(server, unwanted, since, why = '') {
  const hits = server.broadcasts(since).filter((l) => (typeof unwanted === 'function' ? unwanted(l) : l === unwanted));
  assert.deepEqual(hits, [], `${server.label}: unexpected broadcast ${why}`);
}

/** Resolves when `server` broadcasts `line` (string, RegExp or predicate); rejects after timeoutMs. */
export function waitForBroadcast(server, expected, timeoutMs = 5000, since = undefined) {
  return server.waitForBroadcast(expected, { timeoutMs, since });
}

/** Resolves when `server` whispers `line` to `target`; rejects after timeoutMs. */
export function waitForWhisper(server, target, expected, timeoutMs = 5000, since = undefined) {
  return server.waitForWhisper(target, expected, { timeoutMs, since });
}

/** A unique marker text, so each marker line is told apart. */
let markerCount = 0;
export function marker(tag = 'marker') {
  markerCount += 1;
  return `${tag}-${markerCount}-${Date.now().toString(36)}`;
}

export async function reservePorts(n) {
  const ports = [];
  while (ports.length < n) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  return ports;
}
