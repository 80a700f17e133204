// Issue 7, players across servers: three plugin processes (one hosting) and the player
// commands: who (with joins and leaves between calls), whispers and replies, unknown and
// ambiguous names, ignore and hide (whisper path and broadcast path), help, role
// authorization, mute / ignore / hide surviving a plugin restart through Omegga's store, and a
// mixed network where one server runs the original plugin.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  Network, OriginalClient, askedLines, commandLines, expectWho, identity, repoRoot, line, makePlayer, marker,
  playerLine as pl, whisper,
} from './harness.mjs';

const T = { timeout: 60000 };

describe('players across three plugins', () => {
  const net = new Network();
  let H, A, B, h, a, b;

  before(async () => {
    ({ host: H, alpha: A, bravo: B } = await net.standardServers({
      host: { players: [makePlayer('HostAdmin', { host: true }), 'Hana'] },
      alpha: { players: ['Alice', 'Alan'] },
      bravo: { config: { 'authorized-roles': ['Moderator'] }, players: [makePlayer('Bob', { roles: ['Moderator'] }), 'Bea'] },
    }));
    [h, a, b] = [identity(H), identity(A), identity(B)];
    await net.startJoined(H, A, B);
    await A.waitForBroadcast(line.connected(b, 2));
  });

  after(async () => {
    await net.finish();
  });

  it('who lists every server, own first, and follows joins and leaves', T, async () => {
    await expectWho(A, 'Alice', [
      pl.whoHeader(a, 6, 3), pl.whoServer(a, ['Alice', 'Alan']), pl.whoServer(h, ['HostAdmin', 'Hana']),
      pl.whoServer(b, ['Bob', 'Bea'])]);
    B.join(makePlayer('Carl'));
    await expectWho(A, 'Alice', [
      pl.whoHeader(a, 7, 3), pl.whoServer(a, ['Alice', 'Alan']), pl.whoServer(h, ['HostAdmin', 'Hana']),
      pl.whoServer(b, ['Bob', 'Bea', 'Carl'])]);
    B.leave('Carl');
    H.leave('Hana');
    // Other servers in /csc list's order: on a client, the host comes last.
    await expectWho(B, 'Bea', [
      pl.whoHeader(b, 5, 3), pl.whoServer(b, ['Bob', 'Bea']), pl.whoServer(a, ['Alice', 'Alan']),
      pl.whoServer(h, ['HostAdmin'])]);
    H.join(makePlayer('Hana'));
    await expectWho(H, 'HostAdmin', [
      pl.whoHeader(h, 6, 3), pl.whoServer(h, ['HostAdmin', 'Hana']), pl.whoServer(a, ['Alice', 'Alan']),
      pl.whoServer(b, ['Bob', 'Bea'])]);
    net.assertHealthy();
  });

  it('whispers reach one player on another server, with a confirmation and a reply', T, async () => {
    const [sa, sb] = [A.mark(), B.mark()];
    A.command('Alice', 'msg bo hi  there; <b>');
    await B.waitForWhisper('Bob', pl.received(a, 'Alice', 'hi  there&scl; &lt;b&gt;'), { since: sb });
    await A.waitForWhisper('Alice', pl.sent(b, 'Bob', 'hi  there&scl; &lt;b&gt;'), { since: sa });
    B.command('Bob', 'r back at you');
    await A.waitForWhisper('Alice', pl.received(b, 'Bob', 'back at you'), { since: sa });
    await B.waitForWhisper('Bob', pl.sent(a, 'Alice', 'back at you'), { since: sb });
    // Nobody else saw anything.
    assert.deepEqual(B.whispers('Bea', sb), []);
    assert.deepEqual(A.broadcasts(sa).filter((l) => l.includes('back at you')), []);
    // The host's own players take part too.
    H.command('Hana', 'msg ALAN psst');
    await A.waitForWhisper('Alan', pl.received(h, 'Hana', 'psst'), { since: sa });
  });

  it('unknown and ambiguous names and an empty reply get a clear answer', T, async () => {
    assert.deepEqual(await commandLines(A, 'Alice', 'msg zed hello'), [pl.noSuchPlayer('zed')]);
    assert.deepEqual(await commandLines(A, 'Alice', 'msg b hello'),
      [pl.ambiguous('b', ['Bob@B', 'Bea@B'])]);
    assert.deepEqual(await commandLines(B, 'Bea', 'r hello'), [pl.noReply]);
  });

  it('ignore hides a player from one reader: chat goes out as whispers, then as a broadcast again', T, async () => {
    assert.deepEqual(await commandLines(B, 'Bea', 'ignore alice'), [pl.ignoreAdded(b, 'Alice')]);
    let s = B.mark();
    A.chat('Alice', 'only bob sees this');
    await B.waitForWhisper('Bob', line.chat(a, 'Alice', 'only bob sees this'), { since: s });
    const m = marker();
    A.chat('Alan', m); // not ignored by anyone: the broadcast path
    await B.waitForBroadcast(line.chat(a, 'Alan', m), { since: s });
    assert.deepEqual(B.broadcasts(s), [line.chat(a, 'Alan', m)]);
    assert.deepEqual(B.whispers('Bea', s), []);
    // A whisper from the ignored player: Alice is told it was delivered; Bea sees nothing.
    const sa = A.mark();
    A.command('Alice', 'msg bea are you there');
    await A.waitForWhisper('Alice', pl.sent(b, 'Bea', 'are you there'), { since: sa });
    const m2 = marker();
    A.chat('Alan', m2);
    await B.waitForBroadcast(line.chat(a, 'Alan', m2), { since: s });
    assert.deepEqual(B.whispers('Bea', s), []);
    assert.deepEqual(await commandLines(B, 'Bea', 'ignore'), [pl.ignoreList(b, ['Alice'])]);
  });

  it('hide stops other servers\' chat for one player only', T, async () => {
    assert.deepEqual(await commandLines(B, 'Bob', 'hide'), [pl.hidden(b)]);
    const s = B.mark();
    H.chat('Hana', 'hello bravo');
    await B.waitForWhisper('Bea', line.chat(h, 'Hana', 'hello bravo'), { since: s });
    assert.deepEqual(B.broadcasts(s), []);
    assert.deepEqual(B.whispers('Bob', s), []);
    assert.deepEqual(await commandLines(B, 'Bob', 'hide'), [pl.unhidden(b)]);
    const s2 = B.mark();
    H.chat('Hana', 'everyone again');
    await B.waitForBroadcast(line.chat(h, 'Hana', 'everyone again'), { since: s2 });
  });

  it('help and authorization: a role from authorized-roles, not anyone', T, async () => {
    const bea = await askedLines(B, 'Bea', 'help', (l) => l.includes('/csc hide'));
    assert.equal(bea[0], pl.helpHeader(b));
    assert.equal(bea.length, 9);
    assert.equal(bea.filter((l) => l.includes('/csc mute')).length, 0);
    const bob = await askedLines(B, 'Bob', 'help', (l) => l.includes('/csc reconnect'));
    assert.equal(bob.length, 12);
    // doc.json lists exactly the commands help knows, each with an example and its args.
    const doc = JSON.parse(fs.readFileSync(path.join(repoRoot, 'doc.json'), 'utf8'));
    const helped = bob.slice(1).map((l) => /">(\/csc \w+)/.exec(l)[1]);
    assert.deepEqual(doc.commands.map((c) => c.name).sort(), [...helped].sort());
    for (const c of doc.commands) {
      assert.ok(c.example.startsWith(c.name), `${c.name}: example ${c.example}`);
      assert.ok(c.description.length > 0 && Array.isArray(c.args), c.name);
      const usage = bob.find((l) => l.includes(`">${c.name}`));
      const words = /">\/csc \w+((?: [A-Z]+)*)<\/>/.exec(usage)[1].trim().split(' ').filter(Boolean);
      assert.equal(c.args.length, words.length, `${c.name}: args`);
    }
    assert.deepEqual(await askedLines(B, 'Bea', 'mute', whisper.unauthorized), [whisper.unauthorized]);
    assert.deepEqual(await askedLines(B, 'Bob', 'mute', whisper.muted(b)), [whisper.muted(b)]);
  });

  it('mute, ignore and hide survive a restart of the plugin (Omegga\'s store)', T, async () => {
    assert.deepEqual(await commandLines(B, 'Bob', 'hide'), [pl.hidden(b)]);
    await B.stop();
    const sa = A.mark();
    const restart = B.mark();
    await net.start(B);
    await B.waitForLog((l) => l.line.includes('restored from the store: muted'), { since: restart });
    await A.waitForBroadcast(line.connected(b, 2), { since: sa });
    await B.waitForBroadcast((l) => l.startsWith(`<color="${h.color}">Connected to host chat`), { since: restart });
    // Muted: Bea's chat stays here, joins still go out.
    B.chat('Bea', 'not for the others');
    B.join(makePlayer('Dan'));
    await A.waitForBroadcast(line.joined(b, 'Dan'), { since: sa });
    assert.deepEqual(A.broadcasts(sa).filter((l) => l.includes('not for the others')), []);
    // Bea still ignores Alice, Bob still hides: Alice's chat reaches only Dan.
    const s = B.mark();
    A.chat('Alice', 'after the restart');
    await B.waitForWhisper('Dan', line.chat(a, 'Alice', 'after the restart'), { since: s });
    const m = marker();
    A.chat('Alan', m);
    await B.waitForWhisper('Dan', line.chat(a, 'Alan', m), { since: s });
    assert.deepEqual(B.whispers('Bea', s), [line.chat(a, 'Alan', m)]);
    assert.deepEqual(B.whispers('Bob', s), []);
    assert.deepEqual(B.broadcasts(s), []);
    assert.deepEqual(await askedLines(B, 'Bob', 'mute', whisper.unmuted(b)), [whisper.unmuted(b)]);
    net.assertHealthy();
  });
});

describe('players in a mixed network with an original plugin', () => {
  const net = new Network();
  let H, A, O, h, a, o;

  before(async () => {
    const servers = await net.standardServers({ host: { players: ['Hana'] }, alpha: { players: ['Alice'] } });
    [H, A] = [servers.host, servers.alpha];
    O = net.adopt(new OriginalClient({ port: servers.port, name: 'Old Server', color: 'c0c0c0', prefix: '[old]', playerCount: 1 }));
    [h, a, o] = [identity(H), identity(A), { name: O.name, color: O.color, prefix: O.prefix }];
    await net.startJoined(H, A);
    O.start();
    await O.waitForBroadcast(line.connectedToHost(h, 1));
    await A.waitForBroadcast(line.connected(o, 1));
  });

  after(async () => {
    await net.finish();
  });

  it('the original keeps chatting both ways', T, async () => {
    const [so, sa] = [O.mark(), A.mark()];
    O.chat('Olga', 'from the old one');
    await A.waitForBroadcast(line.chat(o, 'Olga', 'from the old one'), { since: sa });
    A.chat('Alice', 'to the old one');
    await O.waitForBroadcast(line.chat(a, 'Alice', 'to the old one'), { since: so });
    A.join(makePlayer('Ari'));
    await O.waitForBroadcast(line.joined(a, 'Ari'), { since: so });
    A.leave('Ari');
    await O.waitForBroadcast(line.left(a, 'Ari'), { since: so });
  });

  it('who and msg say that the original server does not support them; ours still whisper', T, async () => {
    await expectWho(A, 'Alice', [
      pl.whoHeader(a, 2, 3), pl.whoServer(a, ['Alice']), pl.whoServer(h, ['Hana']), pl.unshared(o)]);
    assert.deepEqual(await commandLines(A, 'Alice', 'msg olga hi'), [pl.noSuchPlayer('olga'), pl.unshared(o)]);
    const sh = H.mark();
    A.command('Alice', 'msg hana still works');
    await H.waitForWhisper('Hana', pl.received(a, 'Alice', 'still works'), { since: sh });
    assert.equal(O.crashed ?? false, false);
    net.assertHealthy();
  });
});
