// The host comes and goes: clients that start first connect once it is up, and clients
// whose host restarts say so and come back on their own (reconnect-interval 1).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Network, identity, line, makePlayer, marker, whisper } from './harness.mjs';

const T = { timeout: 40000 };

describe('host restarts', () => {
  const net = new Network();
  let H, A, B, h, a, b, port;

  before(async () => {
    ({ port, host: H, alpha: A, bravo: B } = await net.standardServers({
      host: { config: { name: 'Restart Host', color: 'aa0000', prefix: '[RH]' }, players: [makePlayer('Root', { host: true })] },
      alpha: { config: { name: 'Restart A', color: '00aa00', prefix: '[RA]' }, players: [makePlayer('Ann', { host: true }), 'Abe'] },
      bravo: { config: { name: 'Restart B', color: '0000aa', prefix: '[RB]' }, players: [makePlayer('Ben', { host: true })] },
    }));
    [h, a, b] = [identity(H), identity(A), identity(B)];
  });

  after(async () => {
    await net.finish();
  });

  it('a client started while no host is up connects once the host starts', T, async () => {
    await net.start(A);
    // The first attempt has already failed or is failing: the plugin must stay up.
    await A.waitForLog((l) => ['warn', 'error'].includes(l.level) && String(l.line).includes(String(port)),
      { what: `a warn/error log naming the unreachable port ${port}` });
    assert.ok(A.alive, 'alpha survived a connect to a dead host');
    await net.start(H);
    await A.waitForBroadcast(line.connectedToHost(h, 1), { timeoutMs: 8000 });
    await H.waitForBroadcast(line.connected(a, 2));
    await net.start(B);
    await B.waitForBroadcast(line.connectedToHost(h, 1));
    await A.waitForBroadcast(line.connected(b, 1));
  });

  it('clients say Disconnected from chat. when the host stops, and come back when it restarts', T, async () => {
    let s = [H.mark(), A.mark(), B.mark()];
    const answer = await H.stop();
    assert.deepEqual(answer, { result: null }, 'the host answered stop');
    await A.waitForBroadcast(line.ownDisconnected(a), { since: s[1] });
    await B.waitForBroadcast(line.ownDisconnected(b), { since: s[2] });
    // The new host binds the same port, which works only if the old process is really gone.
    s = [H.mark(), A.mark(), B.mark()];
    await net.start(H);
    await A.waitForBroadcast(line.connectedToHost(h, 1), { since: s[1], timeoutMs: 10000 });
    await B.waitForBroadcast(line.connectedToHost(h, 1), { since: s[2], timeoutMs: 10000 });
    await H.waitForBroadcast(line.connected(a, 2), { since: s[0] });
    await H.waitForBroadcast(line.connected(b, 1), { since: s[0] });
    const m = marker();
    A.chat('Ann', m);
    await B.waitForBroadcast(line.chat(a, 'Ann', m), { since: s[2] });
    await H.waitForBroadcast(line.chat(a, 'Ann', m), { since: s[0] });
    // Identifiers restart with the host: the two clients are 1 and 2 again.
    const ls = H.mark();
    H.command('Root', 'list');
    await H.waitForWhisper('Root', /\(ID 2\)/, { since: ls });
    const lines = H.whispers('Root', ls);
    assert.equal(lines[0], whisper.listHeader(h, 2));
    assert.deepEqual(lines.slice(1).map((l) => /\(ID (\d+)\)/.exec(l)?.[1]).sort(), ['1', '2']);
    net.assertHealthy();
  });

  it('mute and deafen survive a restart of the plugin (kept in Omegga\'s store)', T, async () => {
    let s = [H.mark(), A.mark(), B.mark()];
    A.command('Ann', 'mute');
    B.command('Ben', 'deafen');
    await A.waitForWhisper('Ann', whisper.muted(a), { since: s[1] });
    await B.waitForWhisper('Ben', whisper.deafened(b), { since: s[2] });
    await Promise.all([A.stop(), B.stop()]);
    s = [H.mark(), A.mark(), B.mark()];
    await net.start(A);
    await net.start(B);
    await A.waitForLog((l) => l.line === 'restored from the store: muted, undeafened', { since: s[1] });
    await B.waitForLog((l) => l.line === 'restored from the store: unmuted, deafened', { since: s[2] });
    await A.waitForBroadcast(line.connectedToHost(h, 1), { since: s[1] });
    await B.waitForBroadcast(line.connectedToHost(h, 1), { since: s[2] });
    await A.waitForBroadcast(line.connected(b, 1), { since: s[1] });
    // Still muted: Ann's chat stays on alpha.
    const held = marker('held');
    A.chat('Ann', held);
    A.command('Ann', 'unmute');
    await A.waitForWhisper('Ann', whisper.unmuted(a), { since: s[1] });
    const m = marker();
    A.chat('Ann', m);
    await H.waitForBroadcast(line.chat(a, 'Ann', m), { since: s[0] });
    assert.equal(H.countBroadcasts(line.chat(a, 'Ann', held), s[0]), 0);
    // Still deafened: bravo showed neither while deafened; undeafened, it shows chat again.
    // (Bravo may receive m only after the undeafen, and then rightly shows it: only what it
    // showed before the undeafen counts.)
    const undeafen = B.mark();
    B.command('Ben', 'undeafen');
    await B.waitForWhisper('Ben', whisper.undeafened(b), { since: s[2] });
    const m2 = marker();
    A.chat('Ann', m2);
    await B.waitForBroadcast(line.chat(a, 'Ann', m2), { since: s[2] });
    const mLine = line.chat(a, 'Ann', m);
    assert.equal(B.countBroadcasts(mLine, s[2]) - B.countBroadcasts(mLine, undeafen), 0);
  });

  it('a second restart is handled the same way', T, async () => {
    const s = [A.mark(), B.mark()];
    await H.stop();
    await net.start(H);
    await A.waitForBroadcast(line.connectedToHost(h, 1), { since: s[0], timeoutMs: 10000 });
    await B.waitForBroadcast(line.connectedToHost(h, 1), { since: s[1], timeoutMs: 10000 });
    net.assertHealthy();
  });
});
