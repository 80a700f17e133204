// A malicious peer cannot inject markup or break lines: whatever name, prefix, colour,
// username or content it sends, every line our plugins show has the fixed shape of its kind,
// with the peer's text escaped (or its markup brackets dropped by the hub), the colour
// replaced by the default when it is not 6 hex digits, under 512 characters, on one line.
// Covers a raw TCP peer against our hosting plugin and our client against a malicious host.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';

import {
  Network, OriginalHost, freePort, identity, line, makePlayer, marker,
} from './harness.mjs';

const T = { timeout: 30000 };
const DEFAULT_COLOR = '00aaff';

const EVIL = {
  name: 'Evil <color="ff0000">Admin</>\n<b>[Server]</> restart;_\\" \u0007\u2028x',
  prefix: '[<i>mod</i>]'.repeat(40),
  color: 'ff0000"><b>x',
  user: '<b>root</b>\r\nSystem: "hi" ;_ <emoji>egg</>',
  content: [
    { content: '<color="ff0000">You are banned</> <size="99">BIG</> <link="http://x">x</>' },
    { content: '<color="ff0000">fake</> <emoji><b>x</b></> \\', sanitized: true },
    { content: 'a\n<color="00ff00">Server: second line</>\u2029third', sanitized: true },
    { content: '<b>;_"\\'.repeat(1400), sanitized: false }, // ~13 KB in JSON: under the 16 KB frame, over every text cap
  ],
};

// A field as the plugin renders peer text: no markup brackets, quotes and backslashes
// escaped, ';' and '_' only as entities, no control characters.
const FIELD = String.raw`(?:[^<>"\\;_&\u0000-\u001f\u007f-\u009f\u2028\u2029]|\\[\\"]|&(?:scl|gt|lt|und);|&)*`;
const c = `<color="${DEFAULT_COLOR}">`;
const SHAPES = [
  new RegExp(`^${c}${FIELD} <b>${FIELD}</> has connected to chat with \\d+ players online\\.</>$`),
  new RegExp(`^${c}Connected to host chat <b>${FIELD}</> with \\d+ players online\\.</>$`),
  new RegExp(`^${c}${FIELD} <b>${FIELD}</> has (?:joined|left) <b>${FIELD}</>\\.</>$`),
  new RegExp(`^${c}${FIELD} <b>${FIELD}</> has disconnected from chat\\.</>$`),
  // chat content may hold emoji tags made by sanitize, nothing else
  new RegExp(`^${c}${FIELD} <b>${FIELD}</>:</> (?:${FIELD}|<emoji>[A-Za-z0-9]+</>)*$`),
];

/** Asserts every line `server` showed since `since` from the evil server is inert. */
function assertInert(server, since, expectedAtLeast) {
  const raw = server.rec.since('broadcastRaw', since).filter((l) => l.startsWith(c));
  assert.ok(raw.length >= expectedAtLeast, `${server.label}: only ${raw.length} lines from the evil server`);
  for (const l of raw) {
    assert.ok(!/[\n\r]/.test(l), `${server.label}: a line break in ${JSON.stringify(l)}`);
    assert.ok(l.length < 512, `${server.label}: a line of ${l.length} characters (Omegga drops it)`);
    assert.ok(SHAPES.some((re) => re.test(l)), `${server.label}: markup got through: ${JSON.stringify(l)}`);
  }
}

/** A raw TCP peer: handshakes with evil text, waits for the acknowledge, then sends `after`. */
function evilClient(port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let buffered = '';
    sock.on('error', reject);
    sock.on('connect', () => {
      sock.write(`${JSON.stringify({ type: 'handshake', version: 1, name: EVIL.name, color: EVIL.color, prefix: EVIL.prefix, playerCount: 1 })}\n`);
    });
    sock.on('data', (d) => {
      buffered += d.toString();
      const m = /"type":"acknowledge","identifier":(\d+)/.exec(buffered);
      if (m) { sock.removeAllListeners('data'); sock.on('data', () => {}); resolve({ sock, id: Number(m[1]) }); }
    });
  });
}

describe('a malicious peer on our hub', () => {
  const nw = new Network();
  let H, A, port;

  before(async () => {
    ({ port, host: H, alpha: A } = await nw.standardServers({
      host: { config: { name: 'Safe Host', color: 'aa0000', prefix: '[SH]' }, players: [makePlayer('Hal', { host: true })] },
      alpha: { config: { name: 'Safe A', color: '00aa00', prefix: '[SA]' }, players: ['Ada'] },
    }));
    await nw.startJoined(H, A);
  });

  after(async () => { await nw.finish(); });

  it('evil names, prefix, colour, usernames and content are shown inert everywhere', T, async () => {
    const s = [H.mark(), A.mark()];
    const { sock, id } = await evilClient(port);
    const send = (p) => sock.write(`${JSON.stringify({ identifier: id, ...p })}\n`);
    send({ type: 'join', username: EVIL.user });
    for (const m of EVIL.content) send({ type: 'message', username: EVIL.user, ...m });
    sock.write(Buffer.concat([Buffer.from(`{"type":"message","identifier":${id},"username":"\xff\xfe","content":"bad `),
      Buffer.from([0xc3, 0x28, 0xf0, 0x9f, 0x3c, 0x3e]), Buffer.from('"}\n')]));
    const done = marker('evil-done');
    send({ type: 'message', username: EVIL.user, content: done });
    for (const server of [H, A]) {
      await server.waitForBroadcast((l) => l.includes(done), { since: server === H ? s[0] : s[1] });
    }
    // connected + joined + 4 evil messages + the marker (the invalid UTF-8 one may be dropped)
    assertInert(H, s[0], 7);
    assertInert(A, s[1], 7);
    sock.destroy();
    // The good servers keep chatting, and everyone is still up.
    const m = marker('still');
    A.chat('Ada', m);
    await H.waitForBroadcast(line.chat(identity(A), 'Ada', m), { since: s[0] });
    nw.assertHealthy();
  });
});

describe('our client on a malicious host', () => {
  const nw = new Network();
  let EH, C;

  before(async () => {
    const port = await freePort();
    EH = nw.adopt(new OriginalHost({ port, name: EVIL.name, color: EVIL.color, prefix: EVIL.prefix, playerCount: 3 }));
    await EH.start();
    C = nw.server('client', { ip: '127.0.0.1', port, 'reconnect-interval': 1, name: 'Safe C', color: '0000aa', prefix: '[SC]' },
      [makePlayer('Cy', { host: true })]);
  });

  after(async () => { await nw.finish(); });

  it('the host\'s entry, a forged connection and its chat are shown inert', T, async () => {
    const s = C.mark();
    await nw.start(C);
    await C.waitForBroadcast((l) => l.includes('Connected to host chat'), { since: s });
    const cid = EH.connections.find((x) => x.handshaken).identifier;
    const write = (p) => EH.writeRaw(cid, `${JSON.stringify(p)}\n`);
    write({ type: 'connection', identifier: 77, name: EVIL.name, color: EVIL.color, prefix: EVIL.prefix, playerCount: 9 });
    write({ type: 'join', identifier: 77, username: EVIL.user });
    for (const m of EVIL.content) write({ type: 'message', identifier: 0, username: EVIL.user, ...m });
    write({ type: 'message', identifier: 77, username: EVIL.user, content: EVIL.content[0].content });
    const done = marker('evil-done');
    write({ type: 'message', identifier: 0, username: 'x', content: done });
    await C.waitForBroadcast((l) => l.includes(done), { since: s });
    // connected to host + connected 77 + joined + 5 messages + the marker
    assertInert(C, s, 9);
    // Still answering.
    const w = C.mark();
    C.command('Cy', 'list');
    await C.waitForWhisper('Cy', /A total of <b>\d+ connections<\/> are active\./, { since: w });
    nw.assertHealthy();
  });
});
