// Three plugin processes (one hosting, two clients): every user-visible line of the
// original plugin, checked verbatim where it must show and absent where it must not.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Network, assertNoBroadcast, identity, line, makePlayer, marker, whisper,
} from './harness.mjs';

const T = { timeout: 30000 };

describe('three plugins, one hosting', () => {
  const net = new Network();
  let H, A, B, h, a, b;

  before(async () => {
    ({ host: H, alpha: A, bravo: B } = await net.standardServers({
      host: { players: [makePlayer('HostAdmin', { host: true }), 'Hana'] },
      alpha: { players: [makePlayer('Alice', { host: true })] },
      bravo: {
        config: { 'reconnect-authorized': ' mr ADMIN ,  Other Person' },
        players: [makePlayer('Bob', { host: true }), 'Mr Admin', 'Eve'],
      },
    }));
    [h, a, b] = [identity(H), identity(A), identity(B)];
  });

  after(async () => {
    await net.finish();
  });

  it('announces connections with the handshake player counts', T, async () => {
    await net.start(H);
    await net.start(A);
    await A.waitForBroadcast(line.connectedToHost(h, 2));
    await H.waitForBroadcast(line.connected(a, 1));
    await net.start(B);
    await B.waitForBroadcast(line.connectedToHost(h, 2));
    await H.waitForBroadcast(line.connected(b, 3));
    await A.waitForBroadcast(line.connected(b, 3));
    // Marker: a host chat line reaches both clients after everything above.
    const m = marker();
    H.chat('Hana', m);
    await A.waitForBroadcast(line.chat(h, 'Hana', m));
    await B.waitForBroadcast(line.chat(h, 'Hana', m));
    assertNoBroadcast(A, (l) => l.includes('<b>Alpha</> has connected'), undefined, '(own connection)');
    assertNoBroadcast(B, (l) => l.includes('<b>Bravo</> has connected'), undefined, '(own connection)');
    assertNoBroadcast(B, line.connected(a, 1), undefined, '(A connected before B)');
    assertNoBroadcast(H, (l) => l.includes('Connected to host chat'), undefined, '(the host is no client)');
    assertNoBroadcast(H, line.chat(h, 'Hana', m), undefined, '(own chat echoed)');
    net.assertHealthy();
  });

  it('relays chat lines to every other server and not back', T, async () => {
    const s = [H.mark(), A.mark(), B.mark()];
    A.chat('Alice', 'hello from alpha');
    await H.waitForBroadcast(line.chat(a, 'Alice', 'hello from alpha'), { since: s[0] });
    await B.waitForBroadcast(line.chat(a, 'Alice', 'hello from alpha'), { since: s[2] });
    B.chat('Bob', 'hello from bravo');
    await H.waitForBroadcast(line.chat(b, 'Bob', 'hello from bravo'), { since: s[0] });
    await A.waitForBroadcast(line.chat(b, 'Bob', 'hello from bravo'), { since: s[1] });
    H.chat('HostAdmin', 'hello from host');
    await A.waitForBroadcast(line.chat(h, 'HostAdmin', 'hello from host'), { since: s[1] });
    await B.waitForBroadcast(line.chat(h, 'HostAdmin', 'hello from host'), { since: s[2] });
    // Each server has since seen a later line, so its own chat would have shown by now.
    assertNoBroadcast(A, (l) => l.includes('hello from alpha'), s[1], '(own chat)');
    assertNoBroadcast(B, (l) => l.includes('hello from bravo'), s[2], '(own chat)');
    const m = marker();
    A.chat('Alice', m);
    await H.waitForBroadcast(line.chat(a, 'Alice', m), { since: s[0] });
    assertNoBroadcast(H, (l) => l.includes('hello from host'), s[0], '(own chat)');
    assert.equal(B.countBroadcasts(line.chat(a, 'Alice', 'hello from alpha'), s[2]), 1, 'shown exactly once');
  });

  it('relays joins and leaves', T, async () => {
    const s = [H.mark(), A.mark(), B.mark()];
    A.join(makePlayer('Zed'));
    await H.waitForBroadcast(line.joined(a, 'Zed'), { since: s[0] });
    await B.waitForBroadcast(line.joined(a, 'Zed'), { since: s[2] });
    A.leave('Zed');
    await H.waitForBroadcast(line.left(a, 'Zed'), { since: s[0] });
    await B.waitForBroadcast(line.left(a, 'Zed'), { since: s[2] });
    H.join(makePlayer('Hugo'));
    await A.waitForBroadcast(line.joined(h, 'Hugo'), { since: s[1] });
    await B.waitForBroadcast(line.joined(h, 'Hugo'), { since: s[2] });
    H.leave('Hugo');
    await A.waitForBroadcast(line.left(h, 'Hugo'), { since: s[1] });
    await B.waitForBroadcast(line.left(h, 'Hugo'), { since: s[2] });
    assertNoBroadcast(A, (l) => l.includes('<b>Zed</>'), s[1], '(own join/leave)');
    assertNoBroadcast(H, (l) => l.includes('<b>Hugo</>'), s[0], '(own join/leave)');
  });

  async function list(server, player, expected) {
    const s = server.mark();
    server.command(player, 'list');
    await server.waitForWhisper(player, expected.at(-1), { since: s });
    // A later whisper proves nothing more belongs to the list.
    server.command(player, 'nope');
    await server.waitForWhisper(player, whisper.invalid, { since: s });
    assert.deepEqual(server.whispers(player, s), [...expected, whisper.invalid]);
  }

  it('lists connections on the host and on each client (no authorization needed)', T, async () => {
    await list(H, 'Hana', [whisper.listHeader(h, 2), whisper.listEntry(1, a), whisper.listEntry(2, b)]);
    await list(A, 'Alice', [whisper.listHeader(a, 2), whisper.listEntry(0, h, true), whisper.listEntry(2, b)]);
    await list(B, 'Eve', [whisper.listHeader(b, 2), whisper.listEntry(1, a), whisper.listEntry(0, h, true)]);
  });

  it('answers unknown and missing subcommands with Invalid subcommand.', T, async () => {
    const s = B.mark();
    B.command('Eve', 'bogus');
    B.command('Eve', '');
    B.command('Bob', 'LIST');
    await B.waitForWhisper('Bob', whisper.invalid, { since: s });
    assert.deepEqual(B.whispers('Eve', s), [whisper.invalid, whisper.invalid]);
    assert.deepEqual(B.whispers('Bob', s), [whisper.invalid]);
  });

  it('refuses reconnect, mute and deafen to unauthorized players', T, async () => {
    const s = [H.mark(), A.mark(), B.mark()];
    for (const sub of ['mute', 'unmute', 'deafen', 'deaf', 'undeafen', 'reconnect']) B.command('Eve', sub);
    H.command('Hana', 'mute');
    const m = marker();
    B.command('Eve', 'list');
    await B.waitForWhisper('Eve', whisper.listHeader(b, 2), { since: s[2] });
    // Authorization may take a player.get round trip, so the list can answer first.
    const refusals = () => B.whispers('Eve', s[2]).filter((l) => l === whisper.unauthorized).length;
    await B.rec.waitFor('whisper', () => refusals() >= 6, { since: s[2], what: '6 refusals to Eve' });
    assert.deepEqual(B.whispers('Eve', s[2]).filter((l) => !l.includes('(ID ') && !l.includes('A total of')),
      Array(6).fill(whisper.unauthorized));
    await H.waitForWhisper('Hana', whisper.unauthorized, { since: s[0] });
    // Nothing changed: B still relays and still hears, nobody reconnected.
    B.chat('Eve', m);
    await H.waitForBroadcast(line.chat(b, 'Eve', m), { since: s[0] });
    await A.waitForBroadcast(line.chat(b, 'Eve', m), { since: s[1] });
    H.chat('Hana', m);
    await B.waitForBroadcast(line.chat(h, 'Hana', m), { since: s[2] });
    assertNoBroadcast(B, line.ownDisconnected(b), s[2], '(an unauthorized reconnect ran)');
    assertNoBroadcast(H, (l) => l.includes('has disconnected'), s[0], '(an unauthorized reconnect ran)');
  });

  it('authorizes names in reconnect-authorized (trimmed, any case) and the game host', T, async () => {
    const s = [H.mark(), B.mark()];
    B.command('Mr Admin', 'mute');
    await B.waitForWhisper('Mr Admin', whisper.muted(b), { since: s[1] });
    B.command('mr admin', 'unmute');
    await B.waitForWhisper('mr admin', whisper.unmuted(b), { since: s[1] });
    H.command('HostAdmin', 'mute');
    await H.waitForWhisper('HostAdmin', whisper.muted(h), { since: s[0] });
    H.command('HostAdmin', 'mute');
    await H.waitForWhisper('HostAdmin', whisper.unmuted(h), { since: s[0] });
    assert.deepEqual(B.whispers('Mr Admin', s[1]), [whisper.muted(b)]);
  });

  it('mute stops outgoing chat but not joins and leaves', T, async () => {
    const s = [H.mark(), A.mark(), B.mark()];
    B.command('Bob', 'mute');
    await B.waitForWhisper('Bob', whisper.muted(b), { since: s[2] });
    B.chat('Bob', 'this is muted');
    B.join(makePlayer('Mia'));
    await H.waitForBroadcast(line.joined(b, 'Mia'), { since: s[0] });
    await A.waitForBroadcast(line.joined(b, 'Mia'), { since: s[1] });
    B.leave('Mia');
    await H.waitForBroadcast(line.left(b, 'Mia'), { since: s[0] });
    await A.waitForBroadcast(line.left(b, 'Mia'), { since: s[1] });
    assertNoBroadcast(H, (l) => l.includes('this is muted'), s[0], '(muted chat went out)');
    assertNoBroadcast(A, (l) => l.includes('this is muted'), s[1], '(muted chat went out)');
    // Muting B does not stop B from hearing.
    const m1 = marker();
    A.chat('Alice', m1);
    await B.waitForBroadcast(line.chat(a, 'Alice', m1), { since: s[2] });
    B.command('Bob', 'unmute');
    await B.waitForWhisper('Bob', whisper.unmuted(b), { since: s[2] });
    const m2 = marker();
    B.chat('Bob', m2);
    await H.waitForBroadcast(line.chat(b, 'Bob', m2), { since: s[0] });
    await A.waitForBroadcast(line.chat(b, 'Bob', m2), { since: s[1] });
  });

  it('deafen hides incoming chat, joins and leaves but not connect notices', T, async () => {
    let s = [H.mark(), A.mark(), B.mark()];
    A.command('Alice', 'deafen');
    await A.waitForWhisper('Alice', whisper.deafened(a), { since: s[1] });
    B.chat('Bob', 'deaf one');
    B.join(makePlayer('Zoe'));
    B.leave('Zoe');
    H.chat('HostAdmin', 'deaf two');
    await H.waitForBroadcast(line.left(b, 'Zoe'), { since: s[0] });
    // A client stopping: the others show it, and the stopping client shows its own close.
    await B.stop();
    await H.waitForBroadcast(line.disconnected(b), { since: s[0] });
    await A.waitForBroadcast(line.disconnected(b), { since: s[1] });
    assert.ok(B.broadcasts(s[2]).includes(line.ownDisconnected(b)),
      `bravo: no "${line.ownDisconnected(b)}" on its own stop; saw ${JSON.stringify(B.broadcasts(s[2]))}`);
    assert.deepEqual(B.rec.list('stopAnswer').at(-1), { result: null }, 'stop answered with a result');
    // Omegga stops reading stdout once stop is answered: the line must come before the answer.
    const out = B.rec.since('stdout', s[2]);
    const shownAt = out.findIndex((l) => l.includes('Disconnected from chat.'));
    const answeredAt = out.findLastIndex((l) => l.includes('"result"') && !l.includes('"method"'));
    assert.ok(shownAt >= 0 && shownAt < answeredAt, `"Disconnected from chat." written after the stop answer`);
    assertNoBroadcast(A, (l) => /deaf one|deaf two|<b>Zoe<\/>/.test(l), s[1], '(while deafened)');
    // It reconnects with a new identifier and the deafened client still sees that.
    s = [H.mark(), A.mark(), B.mark()];
    await net.start(B);
    await A.waitForBroadcast(line.connected(b, 3), { since: s[1] });
    await H.waitForBroadcast(line.connected(b, 3), { since: s[0] });
    await B.waitForBroadcast(line.connectedToHost(h, 2), { since: s[2] });
    A.command('Alice', 'undeafen');
    await A.waitForWhisper('Alice', whisper.undeafened(a), { since: s[1] });
    const m = marker();
    B.chat('Bob', m);
    await A.waitForBroadcast(line.chat(b, 'Bob', m), { since: s[1] });
    // `deaf` is the same toggle.
    A.command('Alice', 'deaf');
    await A.waitForWhisper('Alice', whisper.deafened(a), { since: s[1] });
    A.command('Alice', 'deaf');
    await A.waitForWhisper('Alice', whisper.undeafened(a), { since: s[1] });
  });

  it('a deafened host still relays between clients', T, async () => {
    const s = [H.mark(), A.mark(), B.mark()];
    H.command('HostAdmin', 'deafen');
    await H.waitForWhisper('HostAdmin', whisper.deafened(h), { since: s[0] });
    A.chat('Alice', 'relayed while host deaf');
    await B.waitForBroadcast(line.chat(a, 'Alice', 'relayed while host deaf'), { since: s[2] });
    B.join(makePlayer('Ola'));
    await A.waitForBroadcast(line.joined(b, 'Ola'), { since: s[1] });
    B.leave('Ola');
    await A.waitForBroadcast(line.left(b, 'Ola'), { since: s[1] });
    H.command('HostAdmin', 'deafen');
    await H.waitForWhisper('HostAdmin', whisper.undeafened(h), { since: s[0] });
    const m = marker();
    A.chat('Alice', m);
    await H.waitForBroadcast(line.chat(a, 'Alice', m), { since: s[0] });
    assertNoBroadcast(H, (l) => /relayed while host deaf|<b>Ola<\/>/.test(l), s[0], '(while deafened)');
  });

  it('reconnects a client on /csc reconnect', T, async () => {
    const s = [H.mark(), A.mark(), B.mark()];
    A.command('Alice', 'reconnect');
    await A.waitForWhisper('Alice', whisper.reconnecting, { since: s[1] });
    await H.waitForBroadcast(line.disconnected(a), { since: s[0] });
    await B.waitForBroadcast(line.disconnected(a), { since: s[2] });
    await A.waitForBroadcast(line.connectedToHost(h, 2), { since: s[1], timeoutMs: 8000 });
    await H.waitForBroadcast(line.connected(a, 1), { since: s[0] });
    await B.waitForBroadcast(line.connected(a, 1), { since: s[2] });
    const m = marker();
    A.chat('Alice', m);
    await B.waitForBroadcast(line.chat(a, 'Alice', m), { since: s[2] });
    await H.waitForBroadcast(line.chat(a, 'Alice', m), { since: s[0] });
    assert.ok(A.broadcasts(s[1]).includes(line.ownDisconnected(a)), 'alpha shows its own "Disconnected from chat."');
    assert.equal(H.countBroadcasts(line.connected(a, 1), s[0]), 1, 'alpha connected exactly once');
  });

  it('drops and takes back every client on /csc reconnect on the host', T, async () => {
    const s = [H.mark(), A.mark(), B.mark()];
    H.command('HostAdmin', 'reconnect');
    await H.waitForWhisper('HostAdmin', whisper.reconnecting, { since: s[0] });
    await A.waitForBroadcast(line.ownDisconnected(a), { since: s[1] });
    await B.waitForBroadcast(line.ownDisconnected(b), { since: s[2] });
    await A.waitForBroadcast(line.connectedToHost(h, 2), { since: s[1], timeoutMs: 10000 });
    await B.waitForBroadcast(line.connectedToHost(h, 2), { since: s[2], timeoutMs: 10000 });
    await H.waitForBroadcast(line.connected(a, 1), { since: s[0] });
    await H.waitForBroadcast(line.connected(b, 3), { since: s[0] });
    const m = marker();
    B.chat('Bob', m);
    await A.waitForBroadcast(line.chat(b, 'Bob', m), { since: s[1] });
    await H.waitForBroadcast(line.chat(b, 'Bob', m), { since: s[0] });
    net.assertHealthy();
  });
});
