// Soak test of "nothing lost" (docs/delivery.md): three game servers chat steadily, and
// players come and go, through a proxy that cuts their links mid-frame at random, while
// the standalone hub is killed with SIGKILL and restarted on the same log file several
// times. Afterwards every server must have shown every other server's chat, joins and
// leaves exactly once, in order per sender.
//
// Usage: node soak.mjs [seconds] [seed]   (or SOAK_SECONDS / SOAK_SEED; default 60 s)
// Prints sent, delivered, lost, duplicated, out of order and the longest reconnect, and
// exits with 1 on any loss, duplicate or reordering.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Network, freePort, makePlayer } from './harness.mjs';
import { CuttingProxy, seededRandom } from './lib/cutting-proxy.mjs';
import { SoakLedger } from './lib/soak-ledger.mjs';

const seconds = Number(process.argv[2] ?? process.env.SOAK_SECONDS ?? 60);
const seed = Number(process.argv[3] ?? process.env.SOAK_SEED ?? Date.now() % 1000000);
const random = seededRandom(seed);
const SERVERS = 3;
const CHAT_EVERY_MS = 100;     // per server: 10 chat messages a second
const VISIT_EVERY_MS = 1500;   // per server: a visitor joins, or the last one leaves
const DRAIN_MS = 60000;        // after the load stops: time for everything to arrive

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (text) => console.log(`soak: ${text}`);

async function main() {
  log(`${seconds} s, seed ${seed}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csc-soak-'));
  const net = new Network();
  const hubPort = await freePort();
  const hubOptions = {
    port: hubPort, name: 'Soak Hub', prefix: '[hub]',
    extraArgs: ['--log-file', path.join(dir, 'hub-log.sqlite3')],
  };
  let hub = net.hub(hubOptions);
  const proxy = new CuttingProxy(hubPort, { random });
  await proxy.listen();

  const ledger = new SoakLedger();
  const servers = [];
  for (let i = 0; i < SERVERS; ++i) {
    const s = net.server(`soak${i}`, {
      ip: '127.0.0.1', port: proxy.port, 'reconnect-interval': 2,
      name: `Soak ${i}`, color: ['aa0000', '00aa00', '0000aa'][i], prefix: `[S${i}]`,
      'chat-rate': 1000, 'chat-burst': 1000,
    }, [makePlayer(`Host${i}`, { host: true }), `P${i}a`, `P${i}b`]);
    ledger.watch(i, s);
    servers.push(s);
  }
  let failed = false;
  try {
    for (const s of servers) await net.start(s);
    // The promise covers servers that are in the network or come back to it: a server that
    // has never joined starts fresh, from what is said after its first join (docs/delivery.md).
    if (!await ledger.waitJoined(30000)) throw new Error('a server did not join the network within 30 s');

    // The load: chat and visitors on every server, on timers, for `seconds`.
    const timers = [];
    const visitors = servers.map(() => []);
    servers.forEach((s, i) => {
      let turn = 0;
      timers.push(setInterval(() => {
        const player = (turn++ % 2 === 0) ? `P${i}a` : `P${i}b`;
        s.chat(player, ledger.sent(i, 'chat'));
      }, CHAT_EVERY_MS));
      timers.push(setInterval(() => {
        if (visitors[i].length > 0 && random() < 0.5) {
          const name = visitors[i].shift();
          ledger.sentPresence(i, 'left', name);
          s.leave(name);
        } else {
          const name = ledger.sent(i, 'joined');
          visitors[i].push(name);
          s.join(makePlayer(name));
        }
      }, VISIT_EVERY_MS));
    });

    // The hub dies with SIGKILL several times and comes back on the same log.
    const kills = Math.max(1, Math.floor(seconds / 12));
    const start = Date.now();
    for (let k = 1; k <= kills; ++k) {
      await sleep(Math.max(0, start + (k * seconds * 1000) / (kills + 1) - Date.now()));
      hub.child?.kill('SIGKILL');
      await hub.exited;
      ledger.hubKills += 1;
      await sleep(300 + random() * 1700);
      hub = net.hub(hubOptions);
    }
    await sleep(Math.max(0, start + seconds * 1000 - Date.now()));
    for (const t of timers) clearInterval(t);
    proxy.setCutting(false);
    log(`load stopped after ${((Date.now() - start) / 1000).toFixed(1)} s; draining`);

    const drained = await ledger.waitComplete(DRAIN_MS);
    const r = ledger.report();
    log(`hub kills ${ledger.hubKills}, proxy cuts ${proxy.cuts}, connections ${proxy.accepted}`);
    log(`sent ${r.sent}, expected deliveries ${r.expected}, delivered ${r.delivered}, ` +
      `lost ${r.lost}, duplicated ${r.duplicated}, out of order ${r.outOfOrder}`);
    log(`longest reconnect ${(r.longestReconnectMs / 1000).toFixed(2)} s` +
      (drained ? '' : ` (not drained after ${DRAIN_MS / 1000} s)`));
    for (const line of r.problems.slice(0, 20)) log(`  ${line}`);
    failed = r.lost > 0 || r.duplicated > 0 || r.outOfOrder > 0 || r.sent === 0;
  } catch (err) {
    failed = true;
    log(`error: ${err.stack ?? err}`);
    for (const s of servers) log(s.describe());
  } finally {
    await proxy.close();
    await net.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  log(failed ? 'FAILED' : 'passed');
  process.exit(failed ? 1 : 0);
}

await main();
