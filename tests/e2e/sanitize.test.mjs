// Chat content reaches other servers as literal text (Omegga's sanitize), never as markup,
// and a long message is cut so that Omegga does not drop the line (512 characters or more).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import {
  Network, escapeMarkup, identity, line, makePlayer, sanitize, sanitizedTokens,
} from './harness.mjs';

const T = { timeout: 20000 };
const ELLIPSES = ['…', '...'];

describe('sanitizing and truncation', () => {
  const net = new Network();
  let H, A, h, a, port;

  before(async () => {
    ({ port, host: H, alpha: A } = await net.standardServers({
      host: { config: { name: 'San Host', color: 'abcdef', prefix: '[SH]' }, players: [makePlayer('Sam', { host: true })] },
      alpha: { config: { name: 'San A', color: '123456', prefix: '[SA]' }, players: ['Ada'] },
    }));
    [h, a] = [identity(H), identity(A)];
    await net.startJoined(H, A);
  });

  after(async () => {
    await net.finish();
  });

  it('markup characters, emotes and tags arrive as literal text, both directions', T, async () => {
    const content = 'a < b > c ; d _ e \\ f " g :egg: h :notanemote: i <b>bold</> <color="ff0000">red</>';
    const expected = sanitize(content);
    assert.ok(expected.includes('<emoji>egg</>') && expected.includes('&lt;b&gt;bold&lt;/&gt;'));
    const s = [H.mark(), A.mark()];
    A.chat('Ada', content);
    await H.waitForBroadcast(line.chat(a, 'Ada', expected), { since: s[0] });
    H.chat('Sam', content);
    await A.waitForBroadcast(line.chat(h, 'Sam', expected), { since: s[1] });
  });

  it('server names, prefixes and usernames are escaped too', T, async () => {
    const s = H.mark();
    const C = net.server('odd', {
      ip: '127.0.0.1', port, 'reconnect-interval': 1, name: 'Odd <i>Name</>', color: '654321', prefix: '[a;b_c]',
    }, ['cool_guy']);
    // The hub and links drop '<' and '>' from labels (docs/security.md); the rest is escaped.
    const label = (raw) => escapeMarkup(raw.replace(/[<>]/g, ''));
    const shown = { name: label('Odd <i>Name</>'), color: '654321', prefix: label('[a;b_c]') };
    await net.start(C);
    await H.waitForBroadcast(line.connected(shown, 1), { since: s });
    C.chat('cool_guy', 'hi');
    await H.waitForBroadcast(line.chat(shown, label('cool_guy'), 'hi'), { since: s });
    C.join(makePlayer('<b>x</b>'));
    await H.waitForBroadcast(line.joined(shown, label('<b>x</b>')), { since: s });
    await C.stop();
    await H.waitForBroadcast(line.disconnected(shown), { since: s });
  });

  it('a newline in a message stays on one line', T, async () => {
    const s = H.mark();
    A.chat('Ada', 'first half\nsecond half');
    const shown = await H.rec.waitFor('broadcastRaw', (l) => l.includes('first half'), { since: s });
    assert.ok(!shown.includes('\n'), `a raw newline was broadcast: ${JSON.stringify(shown)}`);
    assert.ok(shown.startsWith(line.chat(a, 'Ada', '')), `not a chat line: ${JSON.stringify(shown)}`);
    assert.ok(shown.includes('second half'), `the second half is lost: ${JSON.stringify(shown)}`);
  });

  it('a 2,000-character message is cut under 512 characters with an ellipsis, markup intact', T, async () => {
    const unit = 'ab<b>c</>;d_e\\f"g :egg: ';
    let content = '';
    while (content.length < 2000) content += unit;
    content = content.slice(0, 2000);
    const full = sanitize(content);
    const s = H.mark();
    A.chat('Ada', content);
    const prefix = line.chat(a, 'Ada', '');
    const shown = await H.rec.waitFor('broadcastRaw', (l) => l.startsWith(prefix), { since: s });
    assert.ok(shown.length < 512, `line of ${shown.length} characters (Omegga drops 512 or more)`);
    const ellipsis = ELLIPSES.find((e) => shown.endsWith(e));
    assert.ok(ellipsis, `no ellipsis at the end: ${JSON.stringify(shown.slice(-40))}`);
    const body = shown.slice(prefix.length, shown.length - ellipsis.length);
    assert.ok(body.length > 100, `only ${body.length} characters of content kept`);
    assert.ok(full.startsWith(body), `the kept content is not the start of the sanitized message: ${JSON.stringify(body.slice(-60))}`);
    // Cut between escapes/emoji tags, never inside one.
    let boundary = 0;
    for (const token of sanitizedTokens(full)) {
      if (boundary >= body.length) break;
      boundary += token.length;
    }
    assert.equal(boundary, body.length, `cut inside an escape or tag: ...${JSON.stringify(body.slice(-20))}`);
    // The same line on the broadcast list means Omegga would show it.
    assert.ok(H.broadcasts(s).includes(shown));
  });
});
