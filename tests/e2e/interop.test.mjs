// Mixed networks with the original plugin (re-implemented in original-peer.mjs):
// an original client on our host, and our clients on an original host.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Network, OriginalClient, OriginalHost, freePort, identity, line, makePlayer, marker, sanitize, whisper,
} from './harness.mjs';

const T = { timeout: 20000 };

function assertNoCrash(peer) {
  assert.deepEqual(peer.rec.list('crash'), [], `the original peer would have crashed`);
}

describe('an original client on our host', () => {
  const net = new Network();
  let H, A, O, h, a, o;

  before(async () => {
    const servers = await net.standardServers({
      host: { config: { name: 'Cpp Host', color: 'cc0000', prefix: '[CH]' }, players: [makePlayer('Hal', { host: true }), 'Hope'] },
      alpha: { config: { name: 'Cpp Client', color: '00cc00', prefix: '[CC]' }, players: ['Ari'] },
    });
    [H, A] = [servers.host, servers.alpha];
    O = net.adopt(new OriginalClient({ port: servers.port, name: 'Old Server', color: 'c0c0c0', prefix: '[old]', playerCount: 4 }));
    [h, a, o] = [identity(H), identity(A), { name: O.name, color: O.color, prefix: O.prefix }];
    await net.startJoined(H, A);
  });

  after(async () => {
    await net.finish();
  });

  it('the original client connects and everyone shows it', T, async () => {
    O.start();
    await O.waitForBroadcast(line.connectedToHost(h, 2));
    await H.waitForBroadcast(line.connected(o, 4));
    await A.waitForBroadcast(line.connected(o, 4));
    // Its directory, as its /csc list would show it: A first, the host last.
    assert.deepEqual(O.listLines(),
      [whisper.listHeader(o, 2), whisper.listEntry(1, a), whisper.listEntry(0, h, true)]);
    const ack = O.rec.list('acknowledge')[0];
    assert.equal(ack.identifier, 2);
    assert.equal(ack.hostIdentifier, 0);
    assertNoCrash(O);
  });

  it('chat from our servers reaches the original, rendered as it renders it', T, async () => {
    const s = O.mark();
    H.chat('Hal', 'hello old one');
    await O.waitForBroadcast(line.chat(h, 'Hal', 'hello old one'), { since: s });
    A.chat('Ari', 'from a client');
    await O.waitForBroadcast(line.chat(a, 'Ari', 'from a client'), { since: s });
    A.join(makePlayer('Jo'));
    await O.waitForBroadcast(line.joined(a, 'Jo'), { since: s });
    A.leave('Jo');
    await O.waitForBroadcast(line.left(a, 'Jo'), { since: s });
    // Our sender sanitizes: the original shows markup characters literally too.
    H.chat('Hal', 'x <b>y</> ;_');
    await O.waitForBroadcast(line.chat(h, 'Hal', sanitize('x <b>y</> ;_')), { since: s });
    assertNoCrash(O);
  });

  it('chat from the original reaches our host and clients', T, async () => {
    const s = [H.mark(), A.mark()];
    O.chat('Olga', 'hello new ones');
    await H.waitForBroadcast(line.chat(o, 'Olga', 'hello new ones'), { since: s[0] });
    await A.waitForBroadcast(line.chat(o, 'Olga', 'hello new ones'), { since: s[1] });
    O.join('Oscar');
    await H.waitForBroadcast(line.joined(o, 'Oscar'), { since: s[0] });
    await A.waitForBroadcast(line.joined(o, 'Oscar'), { since: s[1] });
    // TCP may merge two of the original's writes into one read on our side.
    const packet = (content) => JSON.stringify({ type: 'message', identifier: 2, username: 'Olga', content });
    const [m1, m2] = [marker('merged'), marker('merged')];
    O.writeRaw(packet(m1) + packet(m2));
    await A.waitForBroadcast(line.chat(o, 'Olga', m2), { since: s[1] });
    assert.deepEqual(A.broadcasts(s[1]).filter((l) => l.includes('merged')),
      [line.chat(o, 'Olga', m1), line.chat(o, 'Olga', m2)]);
    // The host lists the original like any client.
    const ls = H.mark();
    H.command('Hal', 'list');
    await H.waitForWhisper('Hal', whisper.listEntry(2, o), { since: ls });
    assert.deepEqual(H.whispers('Hal', ls), [whisper.listHeader(h, 2), whisper.listEntry(1, a), whisper.listEntry(2, o)]);
    // The original sends raw content: our side must not render it as markup.
    O.chat('Olga', 'raw <b>bold</> ;_');
    await H.waitForBroadcast(line.chat(o, 'Olga', sanitize('raw <b>bold</> ;_')), { since: s[0] });
    await A.waitForBroadcast(line.chat(o, 'Olga', sanitize('raw <b>bold</> ;_')), { since: s[1] });
    assertNoCrash(O);
  });

  it('the original leaving is announced', T, async () => {
    const s = [H.mark(), A.mark()];
    await O.shutdown();
    await H.waitForBroadcast(line.disconnected(o), { since: s[0] });
    await A.waitForBroadcast(line.disconnected(o), { since: s[1] });
    net.assertHealthy();
  });
});

describe('our clients on an original host', () => {
  const net = new Network();
  let OH, A, B, oh, a, b;

  before(async () => {
    const port = await freePort();
    OH = net.adopt(new OriginalHost({ port, name: 'Old Host', color: 'b0b0b0', prefix: '[OH]', playerCount: 5 }));
    await OH.start();
    const common = { ip: '127.0.0.1', port, 'reconnect-interval': 1 };
    A = net.server('alpha', { ...common, name: 'New A', color: '00dd00', prefix: '[NA]' },
      [makePlayer('Ann', { host: true })]);
    B = net.server('bravo', { ...common, name: 'New B', color: '0000dd', prefix: '[NB]' }, ['Bea', 'Bo']);
    [oh, a, b] = [{ name: OH.name, color: OH.color, prefix: OH.prefix }, identity(A), identity(B)];
  });

  after(async () => {
    await net.finish();
  });

  it('our clients connect and the original host announces them', T, async () => {
    await net.start(A);
    await A.waitForBroadcast(line.connectedToHost(oh, 5));
    await OH.waitForBroadcast(line.connected(a, 1));
    await net.start(B);
    await B.waitForBroadcast(line.connectedToHost(oh, 5));
    await OH.waitForBroadcast(line.connected(b, 2));
    await A.waitForBroadcast(line.connected(b, 2));
    const handshake = OH.rec.list('handshake')[0];
    assert.equal(handshake.version, 1);
    assert.equal(handshake.playerCount, 1);
    assertNoCrash(OH);
  });

  it('chat flows through the original host both ways', T, async () => {
    const s = [OH.mark(), A.mark(), B.mark()];
    A.chat('Ann', 'new to old');
    await OH.waitForBroadcast(line.chat(a, 'Ann', 'new to old'), { since: s[0] });
    await B.waitForBroadcast(line.chat(a, 'Ann', 'new to old'), { since: s[2] });
    OH.chat('Otto', 'old to new');
    await A.waitForBroadcast(line.chat(oh, 'Otto', 'old to new'), { since: s[1] });
    await B.waitForBroadcast(line.chat(oh, 'Otto', 'old to new'), { since: s[2] });
    OH.join('Olaf');
    await A.waitForBroadcast(line.joined(oh, 'Olaf'), { since: s[1] });
    B.join(makePlayer('Bix'));
    await A.waitForBroadcast(line.joined(b, 'Bix'), { since: s[1] });
    await OH.waitForBroadcast(line.joined(b, 'Bix'), { since: s[0] });
    assertNoCrash(OH);
  });

  it('our client lists the original host last, marked (HOST)', T, async () => {
    const s = B.mark();
    B.command('Bea', 'list');
    await B.waitForWhisper('Bea', whisper.listEntry(0, oh, true), { since: s });
    assert.deepEqual(B.whispers('Bea', s), [whisper.listHeader(b, 2), whisper.listEntry(1, a), whisper.listEntry(0, oh, true)]);
  });

  it('merged and split packets from an original host are all understood', T, async () => {
    const s = A.mark();
    const m1 = marker('merged1');
    const m2 = marker('merged2');
    const packet = (content) => JSON.stringify({ type: 'message', identifier: 0, username: 'Otto', content });
    // Two packets in one write, back to back with no separator.
    OH.writeRaw(1, packet(m1) + packet(m2));
    // One packet split across two writes.
    const m3 = marker('split');
    const text = packet(m3);
    OH.writeRaw(1, text.slice(0, 20));
    await new Promise((r) => setTimeout(r, 50));
    OH.writeRaw(1, text.slice(20));
    await A.waitForBroadcast(line.chat(oh, 'Otto', m3), { since: s });
    const shown = A.broadcasts(s);
    assert.deepEqual(shown.filter((l) => /merged|split/.test(l)),
      [line.chat(oh, 'Otto', m1), line.chat(oh, 'Otto', m2), line.chat(oh, 'Otto', m3)]);
  });

  it('the original host stopping: our clients show Disconnected from chat.', T, async () => {
    const s = [A.mark(), B.mark()];
    await OH.shutdown();
    await A.waitForBroadcast(line.ownDisconnected(a), { since: s[0] });
    await B.waitForBroadcast(line.ownDisconnected(b), { since: s[1] });
    net.assertHealthy();
  });
});
