// Player commands as a test types them: the whispers one command gives back, and `/csc who`
// asked until the directory (which travels asynchronously) shows what is expected.

import assert from 'node:assert/strict';

/** The whispers a command gives `player`: everything up to the `/csc list` header sent after it. */
export async function commandLines(server, player, args) {
  const since = server.mark();
  server.command(player, args);
  server.command(player, 'list');
  const header = (l) => /A total of <b>\d+ connections<\/> are active/.test(l);
  await server.waitForWhisper(player, header, { since });
  // The list's own lines follow its header; wait for all of them, so none of them is taken
  // for the answer to the next command (they can arrive apart when the plugin is slow).
  const until = Date.now() + 5000;
  for (;;) {
    const all = server.whispers(player, since);
    const at = all.findIndex(header);
    const count = Number(/A total of <b>(\d+) connections/.exec(all[at])[1]);
    if (all.length >= at + 1 + count || Date.now() > until) return all.slice(0, at);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The whispers a command that asks Omegga first (authorization) gives `player`, once the one
 * matching `last` arrived.
 */
export async function askedLines(server, player, args, last) {
  const since = server.mark();
  server.command(player, args);
  await server.waitForWhisper(player, last, { since });
  return server.whispers(player, since);
}

/** Asks `/csc who` until it shows `expected` (the directory travels asynchronously). */
export async function expectWho(server, player, expected) {
  let last;
  for (let i = 0; i < 100; i += 1) {
    last = await commandLines(server, player, 'who');
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(last, expected, `${server.label}: /csc who`);
}
