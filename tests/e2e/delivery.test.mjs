// Acknowledged delivery seen from Omegga: the server id lives in the store across plugin
// restarts, and what a server's players say while the hosting server restarts reaches the
// others once, in order.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Network, identity, line, makePlayer, marker } from './harness.mjs';

const T = { timeout: 60000 };

describe('delivery', () => {
  const net = new Network();
  let H, A, B, h, a, b;

  before(async () => {
    ({ host: H, alpha: A, bravo: B } = await net.standardServers({
      host: { config: { name: 'Dlv Host', color: 'aa0000', prefix: '[DH]' }, players: [makePlayer('Root', { host: true })] },
      alpha: { config: { name: 'Dlv A', color: '00aa00', prefix: '[DA]' }, players: [makePlayer('Ann', { host: true })] },
      bravo: { config: { name: 'Dlv B', color: '0000aa', prefix: '[DB]' }, players: [makePlayer('Ben', { host: true })] },
    }, { 'reconnect-interval': 2, 'chat-rate': 100, 'chat-burst': 100 }));
    [h, a, b] = [identity(H), identity(A), identity(B)];
    await net.start(H);
    await net.start(A);
    await net.start(B);
    await A.waitForBroadcast(line.connectedToHost(h, 1));
    await B.waitForBroadcast(line.connectedToHost(h, 1));
  });

  after(async () => {
    await net.finish();
  });

  it('keeps each server id in the store and counts its starts', T, async () => {
    const records = [H, A, B].map((s) => s.deliveryRecord());
    for (const r of records) {
      assert.match(r.server_id, /^[0-9a-f]{32}$/);
      assert.equal(r.session, 1);
    }
    assert.equal(new Set(records.map((r) => r.server_id)).size, 3, 'three distinct ids');

    const s = A.mark();
    await A.stop();
    await net.start(A);
    await A.waitForBroadcast(line.connectedToHost(h, 1), { since: s, timeoutMs: 10000 });
    const again = A.deliveryRecord();
    assert.equal(again.server_id, records[1].server_id, 'the id survives a restart of the plugin');
    assert.equal(again.session, 2);
    net.assertHealthy();
  });

  it('delivers what is said while the host restarts exactly once, in order', T, async () => {
    const s = [A.mark(), B.mark()];
    assert.deepEqual(await H.stop(), { result: null });
    await A.waitForBroadcast(line.ownDisconnected(a), { since: s[0] });
    await B.waitForBroadcast(line.ownDisconnected(b), { since: s[1] });

    const said = [1, 2, 3, 4, 5].map((i) => marker(`while-down-${i}`));
    for (const m of said) A.chat('Ann', m);
    await net.start(H);
    const after = marker('after');
    await A.waitForBroadcast(line.connectedToHost(h, 1), { since: s[0], timeoutMs: 15000 });
    A.chat('Ann', after);
    await B.waitForBroadcast(line.chat(a, 'Ann', after), { since: s[1], timeoutMs: 15000 });
    await H.waitForBroadcast(line.chat(a, 'Ann', after), { timeoutMs: 15000 });

    const seen = B.broadcasts(s[1]);
    const positions = said.map((m) => seen.indexOf(line.chat(a, 'Ann', m)));
    for (const [i, m] of said.entries()) {
      assert.equal(B.countBroadcasts(line.chat(a, 'Ann', m), s[1]), 1, `${m} shown once on bravo`);
      assert.ok(positions[i] >= 0);
    }
    assert.deepEqual([...positions].sort((x, y) => x - y), positions, 'in the order they were said');
    net.assertHealthy();
  });

  it('a client that stops answers stop only after the hub has its last lines', T, async () => {
    const s = B.mark();
    const last = marker('last-words');
    A.chat('Ann', last);
    assert.deepEqual(await A.stop(), { result: null });
    await B.waitForBroadcast(line.chat(a, 'Ann', last), { since: s });
    assert.equal(B.countBroadcasts(line.chat(a, 'Ann', last), s), 1);
    await net.start(A);
    net.assertHealthy();
  });

  it('shows lines of a server that left meanwhile to a server that comes back, once', T, async () => {
    await A.waitForBroadcast(line.connectedToHost(h, 1), { timeoutMs: 15000 });
    assert.deepEqual(await A.stop(), { result: null });
    const said = [1, 2, 3].map((i) => marker(`before-leaving-${i}`));
    for (const m of said) B.chat('Ben', m);
    await H.waitForBroadcast(line.chat(b, 'Ben', said[2]), { timeoutMs: 15000 });
    assert.deepEqual(await B.stop(), { result: null }); // bravo is gone when alpha comes back

    const sA = A.mark();
    await net.start(A);
    await A.waitForBroadcast(line.chat(b, 'Ben', said[2]), { since: sA, timeoutMs: 15000 });
    const seen = A.broadcasts(sA);
    const positions = said.map((m) => seen.indexOf(line.chat(b, 'Ben', m)));
    for (const [i, m] of said.entries()) {
      assert.equal(A.countBroadcasts(line.chat(b, 'Ben', m), sA), 1, `${m} shown once on alpha`);
      assert.ok(positions[i] >= 0);
    }
    assert.deepEqual([...positions].sort((x, y) => x - y), positions, 'in the order they were said');
    await net.start(B);
    net.assertHealthy();
  });
});
