// The same network with the standalone csc-hub process as the host.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Network, OriginalClient, identity, line, makePlayer, marker, sanitize, whisper,
} from './harness.mjs';

const T = { timeout: 30000 };

describe('csc-hub as the host', () => {
  const net = new Network();
  const hubIdentity = { name: 'Chat Hub', color: '00aaff', prefix: '[hub]' };
  let hub, A, B, a, b, port;

  before(async () => {
    ({ port, alpha: A, bravo: B } = await net.standardServers({
      alpha: { config: { name: 'Hub A', color: '11aa11', prefix: '[HA]' }, players: [makePlayer('Alice', { host: true }), 'Al'] },
      bravo: { config: { name: 'Hub B', color: '1111aa', prefix: '[HB]' }, players: [makePlayer('Bob', { host: true })] },
    }));
    [a, b] = [identity(A), identity(B)];
  });

  after(async () => {
    await net.finish();
  });

  it('clients connect to the hub and see each other', T, async () => {
    hub = net.hub({ port, ...hubIdentity });
    // No probe connection: the client retries every second until the hub listens.
    await net.start(A);
    await A.waitForBroadcast(line.connectedToHost(hubIdentity, 0), { timeoutMs: 8000 })
      .catch((err) => { throw new Error(`${err.message}\n${hub.describe()}`); });
    await net.start(B);
    await B.waitForBroadcast(line.connectedToHost(hubIdentity, 0));
    await A.waitForBroadcast(line.connected(b, 1));
    assert.equal(hub.child?.exitCode ?? null, null, 'the hub is running');
  });

  it('relays chat, joins and leaves both ways', T, async () => {
    const s = [A.mark(), B.mark()];
    A.chat('Alice', 'via the hub');
    await B.waitForBroadcast(line.chat(a, 'Alice', 'via the hub'), { since: s[1] });
    B.chat('Bob', 'back via the hub');
    await A.waitForBroadcast(line.chat(b, 'Bob', 'back via the hub'), { since: s[0] });
    B.join(makePlayer('Hubert'));
    await A.waitForBroadcast(line.joined(b, 'Hubert'), { since: s[0] });
    B.leave('Hubert');
    await A.waitForBroadcast(line.left(b, 'Hubert'), { since: s[0] });
    const m = marker();
    B.chat('Bob', m);
    await A.waitForBroadcast(line.chat(b, 'Bob', m), { since: s[0] });
    assert.equal(B.countBroadcasts((l) => l.includes('back via the hub'), s[1]), 0, 'no echo to the sender');
  });

  it('lists the hub as the host on a client', T, async () => {
    const s = A.mark();
    A.command('Al', 'list');
    await A.waitForWhisper('Al', whisper.listEntry(2, b), { since: s });
    assert.deepEqual(A.whispers('Al', s),
      [whisper.listHeader(a, 2), whisper.listEntry(0, hubIdentity, true), whisper.listEntry(2, b)]);
  });

  it('a client reconnects through the hub', T, async () => {
    const s = [A.mark(), B.mark()];
    B.command('Bob', 'reconnect');
    await B.waitForWhisper('Bob', whisper.reconnecting, { since: s[1] });
    await A.waitForBroadcast(line.disconnected(b), { since: s[0] });
    await B.waitForBroadcast(line.connectedToHost(hubIdentity, 0), { since: s[1], timeoutMs: 8000 });
    await A.waitForBroadcast(line.connected(b, 1), { since: s[0] });
  });

  it('an original client joins the hub alongside ours', T, async () => {
    const s = [A.mark(), B.mark()];
    const O = net.adopt(new OriginalClient({ port, name: 'Old One', color: 'c0c0c0', prefix: '[old]', playerCount: 7 }));
    const o = { name: O.name, color: O.color, prefix: O.prefix };
    O.start();
    await O.waitForBroadcast(line.connectedToHost(hubIdentity, 0));
    await A.waitForBroadcast(line.connected(o, 7), { since: s[0] });
    await B.waitForBroadcast(line.connected(o, 7), { since: s[1] });
    A.chat('Alice', 'to the old one <b>');
    await O.waitForBroadcast(line.chat(a, 'Alice', sanitize('to the old one <b>')));
    O.chat('Olga', 'raw <i>x</>');
    await B.waitForBroadcast(line.chat(o, 'Olga', sanitize('raw <i>x</>')), { since: s[1] });
    await A.waitForBroadcast(line.chat(o, 'Olga', sanitize('raw <i>x</>')), { since: s[0] });
    assert.deepEqual(O.rec.list('crash'), [], 'the original client would have crashed');
    await O.shutdown();
    await A.waitForBroadcast(line.disconnected(o), { since: s[0] });
    await B.waitForBroadcast(line.disconnected(o), { since: s[1] });
  });

  it('clients notice the hub stopping, and come back when it restarts', T, async () => {
    let s = [A.mark(), B.mark()];
    const exit = await hub.stop();
    assert.equal(exit.killed, false, `csc-hub ignored SIGINT\n${hub.describe()}`);
    assert.ok(exit.code === 0 || exit.signal === 'SIGINT', `csc-hub exit: ${JSON.stringify(exit)}\n${hub.describe()}`);
    await A.waitForBroadcast(line.ownDisconnected(a), { since: s[0] });
    await B.waitForBroadcast(line.ownDisconnected(b), { since: s[1] });
    s = [A.mark(), B.mark()];
    hub = net.hub({ port, ...hubIdentity });
    await A.waitForBroadcast(line.connectedToHost(hubIdentity, 0), { since: s[0], timeoutMs: 10000 });
    await B.waitForBroadcast(line.connectedToHost(hubIdentity, 0), { since: s[1], timeoutMs: 10000 });
    const m = marker();
    A.chat('Alice', m);
    await B.waitForBroadcast(line.chat(a, 'Alice', m), { since: s[1] });
    net.assertHealthy();
  });
});
