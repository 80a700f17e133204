// Flood control per player on the sending plugin (config chat-rate, chat-burst): a player
// who floods gets at most the burst through to the other servers, is told once by whisper,
// and gets through again once the bucket refills; other players keep chatting meanwhile.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Network, identity, line, makePlayer, marker } from './harness.mjs';

const T = { timeout: 30000 };
const FLOOD_WHISPER = '<color="ff5555">You are sending messages too fast; some were not sent to other servers.</>';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('flood control per player', () => {
  const net = new Network();
  let H, A, h, a;
  const RATE = 1;
  const BURST = 5;

  before(async () => {
    ({ host: H, alpha: A } = await net.standardServers({
      host: { config: { name: 'Flood Host', color: 'aa0000', prefix: '[FH]' }, players: [makePlayer('Hana', { host: true })] },
      alpha: { config: { name: 'Flood A', color: '00aa00', prefix: '[FA]' }, players: ['Spammer', 'Calm'] },
    }, { 'chat-rate': RATE, 'chat-burst': BURST }));
    [h, a] = [identity(H), identity(A)];
    await net.startJoined(H, A);
  });

  after(async () => {
    await net.finish();
  });

  it('20 messages at once: the burst arrives, one whisper, the others keep chatting', T, async () => {
    const s = [H.mark(), A.mark()];
    const started = Date.now();
    for (let i = 0; i < 20; i += 1) A.chat('Spammer', `spam ${i}`);
    // Another player of the same server, right after the flood, is not held back.
    const m = marker('calm');
    A.chat('Calm', m);
    await H.waitForBroadcast(line.chat(a, 'Calm', m), { since: s[0] });
    const elapsedS = (Date.now() - started) / 1000;
    const arrived = H.broadcasts(s[0]).filter((l) => l.startsWith(line.chat(a, 'Spammer', 'spam ')));
    // Only a refill during the flood itself could let one more through.
    assert.ok(arrived.length >= BURST && arrived.length <= BURST + Math.floor(elapsedS * RATE),
      `${arrived.length} of 20 arrived in ${elapsedS} s (burst ${BURST}):\n${arrived.join('\n')}`);
    assert.deepEqual(arrived.slice(0, BURST), [0, 1, 2, 3, 4].map((i) => line.chat(a, 'Spammer', `spam ${i}`)));
    await A.waitForWhisper('Spammer', FLOOD_WHISPER, { since: s[1] });
    // The host's chat still reaches alpha.
    const back = marker('back');
    H.chat('Hana', back);
    await A.waitForBroadcast(line.chat(h, 'Hana', back), { since: s[1] });
    assert.deepEqual(A.whispers('Spammer', s[1]), [FLOOD_WHISPER], 'told exactly once');
    assert.deepEqual(A.whispers('Calm', s[1]), []);
    const logged = A.logs(s[1]).filter((l) => String(l.line).includes('Spammer'));
    assert.equal(logged.length, 1, `one log line for the flood: ${JSON.stringify(logged)}`);
  });

  it('once a token is back, the flooder is heard again', T, async () => {
    await sleep(1200 / RATE);
    const s = H.mark();
    const m = marker('later');
    A.chat('Spammer', m);
    await H.waitForBroadcast(line.chat(a, 'Spammer', m), { since: s });
  });

  it('a player who left and came back starts with a full budget', T, async () => {
    A.leave('Spammer');
    A.join(makePlayer('Spammer'));
    const s = [H.mark(), A.mark()];
    for (let i = 0; i < BURST; i += 1) A.chat('Spammer', `again ${i}`);
    for (let i = 0; i < BURST; i += 1) {
      await H.waitForBroadcast(line.chat(a, 'Spammer', `again ${i}`), { since: s[0] });
    }
    assert.deepEqual(A.whispers('Spammer', s[1]), []);
    net.assertHealthy();
  });
});
