// Bad config values, a dead hub and malformed JSON-RPC: clear logs, answers, no crash.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, it } from 'node:test';

import {
  Network, assertHealthy, freePort, identity, line, makePlayer, marker, whisper,
} from './harness.mjs';

const T = { timeout: 20000 };

const isProblem = (l) => ['warn', 'error'].includes(l.level);

describe('bad config values', () => {
  const nw = new Network();
  after(async () => { await nw.finish(); });

  const cases = [
    { key: 'port', value: 70000 },
    { key: 'color', value: 'zzz' },
    { key: 'port', value: '1337' },
    { key: 'hosting', value: 1 },
  ];
  for (const { key, value } of cases) {
    it(`${key} = ${JSON.stringify(value)}: a warning naming the key, init answered, no crash`, T, async () => {
      const port = await freePort();
      const server = nw.server(`bad-${key}`, { ip: '127.0.0.1', port, 'reconnect-interval': 1, [key]: value },
        [makePlayer('Owner', { host: true })]);
      const result = await server.start();
      assert.ok(result && typeof result === 'object', `init answered ${JSON.stringify(result)}`);
      await server.waitForLog((l) => isProblem(l) && String(l.line).includes(key),
        { what: `a warn/error log naming "${key}"` });
      // Still answering: a command gets its whisper, stop gets its answer.
      const s = server.mark();
      server.command('Owner', 'list');
      await server.waitForWhisper('Owner', /A total of <b>\d+ connections<\/> are active\./, { since: s });
      assert.deepEqual(await server.stop(), { result: null });
      assertHealthy(server);
    });
  }
});

describe('a dead hub and malformed input', () => {
  const nw = new Network();
  after(async () => { await nw.finish(); });

  it('a client whose hub is down logs it clearly and keeps running', T, async () => {
    const port = await freePort();
    const C = nw.server('lonely', { ip: '127.0.0.1', port, 'reconnect-interval': 1, name: 'Lonely', color: '777777', prefix: '[L]' },
      [makePlayer('Owner', { host: true })]);
    await nw.start(C);
    await C.waitForLog((l) => isProblem(l) && String(l.line).includes(String(port)),
      { what: `a warn/error log naming the unreachable port ${port}` });
    const s = C.mark();
    C.command('Owner', 'list');
    await C.waitForWhisper('Owner', whisper.listHeader(identity(C), 0), { since: s });
    C.chat('Owner', 'nobody hears this');
    assert.deepEqual(await C.stop(), { result: null });
    assertHealthy(C);
  });

  it('malformed JSON-RPC on stdin: no crash, the plugin keeps answering', T, async () => {
    const port = await freePort();
    const H = nw.server('host', { ip: '127.0.0.1', port, hosting: true, name: 'Robust', color: '888888', prefix: '[R]' },
      [makePlayer('Owner', { host: true })]);
    await nw.start(H);
    const garbage = [
      'this is not json',
      '{"jsonrpc":"2.0","method":',
      '[]',
      '42',
      '"a string"',
      'null',
      '{}',
      '{"jsonrpc":"2.0","method":"chat","params":"not an array"}',
      '{"jsonrpc":"2.0","method":"chat","params":[42, {"x":1}]}',
      '{"jsonrpc":"2.0","method":"chat"}',
      '{"jsonrpc":"2.0","method":"cmd:csc","params":[]}',
      '{"jsonrpc":"2.0","method":"cmd:csc","params":[null, "list"]}',
      '{"jsonrpc":"2.0","method":"join","params":[{}]}',
      '{"jsonrpc":"2.0","method":"leave","params":["x"]}',
      '{"jsonrpc":"2.0","method":"plugin:players:raw","params":[[["only a name"]]]}',
      '{"jsonrpc":"2.0","method":"plugin:players:raw","params":"x"}',
      '{"jsonrpc":"2.0","result":1,"id":999999}',
      '{"jsonrpc":"2.0","id":77,"method":"no.such.method"}',
      `{"jsonrpc":"2.0","method":"chat","params":["Owner","${'x'.repeat(100000)}"]}`,
      '\u0000\u0001\u0002',
    ];
    for (const g of garbage) H.writeRaw(`${g}\n`);
    const answer77 = await H.rec.waitFor('stdout', (l) => {
      try { const o = JSON.parse(l); return o.id === 77; } catch { return false; }
    }, { what: 'an answer to request id 77' });
    const parsed = JSON.parse(answer77);
    assert.ok('error' in parsed || 'result' in parsed, `the answer carries neither result nor error: ${answer77}`);
    // Still a working host: a client connects and chat flows.
    const C = nw.server('client', { ip: '127.0.0.1', port, 'reconnect-interval': 1, name: 'After', color: '999999', prefix: '[AF]' }, ['Cy']);
    await nw.start(C);
    await C.waitForBroadcast(line.connectedToHost(identity(H), 1));
    const m = marker();
    C.chat('Cy', m);
    await H.waitForBroadcast(line.chat(identity(C), 'Cy', m));
    assert.deepEqual(await H.stop(), { result: null });
    assertHealthy(H);
  });

  it('a host survives stray connections and bad packets from peers', T, async () => {
    const port = await freePort();
    const H = nw.server('host2', { ip: '127.0.0.1', port, hosting: true, name: 'Sturdy', color: 'aaaa00', prefix: '[S]' },
      [makePlayer('Owner', { host: true })]);
    await nw.start(H);
    const C = nw.server('client2', { ip: '127.0.0.1', port, 'reconnect-interval': 1, name: 'Client2', color: '00aaaa', prefix: '[C2]' }, ['Cal']);
    await nw.start(C);
    await C.waitForBroadcast(line.connectedToHost(identity(H), 1));
    const payloads = [
      '', // connect and close
      'not json at all\n',
      '{"type":"message","identifier":5,"username":"x","content":"before handshake"}\n',
      '{"type":"handshake","version":2,"name":"n","color":"c","prefix":"p","playerCount":1}\n',
      // A valid handshake, then a message claiming the host's identifier 0.
      '{"type":"handshake","version":1,"name":"Spoof","color":"ffffff","prefix":"[X]","playerCount":1}{"type":"message","identifier":0,"username":"x","content":"spoofed as host"}\n',
    ];
    for (const p of payloads) {
      await new Promise((resolve) => {
        const sock = net.connect(port, '127.0.0.1', () => { sock.end(p); });
        sock.on('error', () => resolve());
        sock.on('close', () => resolve());
        sock.resume();
      });
    }
    const m = marker();
    C.chat('Cal', m);
    await H.waitForBroadcast(line.chat(identity(C), 'Cal', m));
    H.chat('Owner', m);
    await C.waitForBroadcast(line.chat(identity(H), 'Owner', m));
    const h = identity(H);
    for (const s of [H, C]) {
      assert.deepEqual(s.broadcasts().filter((l) => l.includes('null') || l.includes('before handshake') || l.includes('<b>n</>')), [],
        `${s.label} showed a line for a stray or bad connection`);
    }
    // Spoofed content may show only as the spoofing server's, never as the host's.
    assert.deepEqual(C.broadcasts().filter((l) => l.includes('spoofed as host') && !l.startsWith('<color="ffffff">[X] ')), [],
      'a peer spoke as the host');
    assert.ok(!C.broadcasts().includes(line.chat(h, 'x', 'spoofed as host')));
    assertHealthy(H);
    assertHealthy(C);
  });
});
