// Issue 7, the two gaps: the same name on two servers (NAME@SERVER, the ambiguous answer that
// says how to type each candidate, a reply that goes back to the right one) and a whisper whose
// status never comes (whisper-timeout, set short here); then, with the hub gone, /csc msg
// answers at once.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { Network, commandLines, expectWho, identity, line, marker, playerLine as pl } from './harness.mjs';

const T = { timeout: 60000 };

const unconfirmed = (name) =>
  `<color="ff5555">Your whisper to <b>${name}</> could not be confirmed: it may not have arrived.</>`;

describe('the same name on two servers, and whispers with no answer', () => {
  const net = new Network();
  let H, A, h, a;

  before(async () => {
    ({ host: H, alpha: A } = await net.standardServers({
      host: { config: { name: 'Home Base' }, players: ['Sam', 'Hal'] },
      alpha: { players: ['Sam', 'Ann'] },
    }, { 'whisper-timeout': 1 }));
    [h, a] = [identity(H), identity(A)];
    await net.startJoined(H, A);
  });

  after(async () => {
    await net.finish();
  });

  it('an exact name on two servers lists both as they can be typed; NAME@SERVER picks one', T, async () => {
    // Player lists travel after the acknowledge: ask /csc who until the host's is known.
    await expectWho(A, 'Ann', [pl.whoHeader(a, 4, 2), pl.whoServer(a, ['Sam', 'Ann']), pl.whoServer(h, ['Sam', 'Hal'])]);
    assert.deepEqual(await commandLines(A, 'Ann', 'msg sam hello'), [
      `<color="ff5555"><b>sam</> matches several players: Sam@A, Sam@H. Type one of these (name@server) or more of the name.</>`]);
    const [sa, sh] = [A.mark(), H.mark()];
    A.command('Ann', 'msg sam@h over there');
    await H.waitForWhisper('Sam', pl.received(a, 'Ann', 'over there'), { since: sh });
    await A.waitForWhisper('Ann', pl.sent(h, 'Sam', 'over there'), { since: sa });
    assert.deepEqual(A.whispers('Sam', sa), []);
    A.command('Ann', 'msg Sam@HomeBase by name');
    await H.waitForWhisper('Sam', pl.received(a, 'Ann', 'by name'), { since: sh });
    A.command('Ann', 'msg SAM@[a] next to you');
    await A.waitForWhisper('Sam', pl.received(a, 'Ann', 'next to you'), { since: sa });
    await A.waitForWhisper('Ann', pl.sent(a, 'Sam', 'next to you'), { since: sa });
    assert.deepEqual(await commandLines(A, 'Ann', 'msg Sam@Mars hi'),
      ['<color="ff5555">No server matches <b>Mars</>: use its ID, prefix or name from /csc list.</>']);
  });

  it('a reply goes back to the Sam who whispered, not to the other Sam', T, async () => {
    const [sa, sh] = [A.mark(), H.mark()];
    A.command('Sam', 'msg Sam@H it is me');
    await H.waitForWhisper('Sam', pl.received(a, 'Sam', 'it is me'), { since: sh });
    H.command('Sam', 'r hi me');
    await A.waitForWhisper('Sam', pl.received(h, 'Sam', 'hi me'), { since: sa });
    await H.waitForWhisper('Sam', pl.sent(a, 'Sam', 'hi me'), { since: sh });
  });

  it('a whisper whose status never comes is reported after whisper-timeout', T, async () => {
    // The host (and its hub) stops answering for a moment: the whisper waits in its socket.
    const sa = A.mark();
    process.kill(H.child.pid, 'SIGSTOP');
    try {
      A.command('Ann', 'msg Hal are you there');
      await A.waitForWhisper('Ann', unconfirmed('Hal'), { since: sa, timeoutMs: 5000 });
    } finally {
      process.kill(H.child.pid, 'SIGCONT');
    }
    // Hal still gets it late; the late confirmation, which comes before a chat line Hal says
    // next, shows nothing more.
    await H.waitForWhisper('Hal', pl.received(a, 'Ann', 'are you there'));
    const m = marker();
    H.chat('Hal', m);
    await A.waitForBroadcast(line.chat(h, 'Hal', m), { since: sa });
    assert.deepEqual(A.whispers('Ann', sa), [unconfirmed('Hal')]);
    net.assertHealthy();
  });

  it('with the hub gone, /csc msg answers at once and nothing is left waiting', T, async () => {
    const sa = A.mark();
    await H.stop();
    await A.waitForBroadcast(line.ownDisconnected(a), { since: sa });
    assert.deepEqual(await commandLines(A, 'Ann', 'msg Hal hello'), [pl.noSuchPlayer('Hal')]);
    // Well past whisper-timeout: no late "could not be confirmed".
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(A.whispers('Ann', sa).filter((l) => l.includes('could not be confirmed')), []);
  });
});
