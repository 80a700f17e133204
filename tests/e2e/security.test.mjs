// Link security from the plugin's config: a shared `secret` (mutual authentication) and TLS
// (`tls-cert`/`tls-key` on the hosting plugin; `tls` with `tls-fingerprint` or `tls-ca` on
// the others). A refused server gets no chat through in either direction, both sides log the
// refusal, the good servers keep chatting, and no log line ever shows the secret.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  Network, assertNoBroadcast, freePort, identity, line, makePlayer, marker,
} from './harness.mjs';
import { pluginFolderPath } from './lib/paths.mjs';

const T = { timeout: 30000 };
const SECRET = 'e2e-secret-7f3a9c';
const WRONG = 'e2e-wrong-secret-2b8d';
const isProblem = (l) => ['warn', 'error'].includes(l.level);
const names = (l, re) => isProblem(l) && re.test(String(l.line));

/** Fails if any log line of `server` shows one of the secrets. */
function assertSecretsNotLogged(server) {
  const leaks = server.rec.list('log').filter((l) => [SECRET, WRONG].some((s) => String(l.line).includes(s)));
  assert.deepEqual(leaks, [], `${server.label}: a log line shows the secret`);
}

/** Chat from `from` reaches `to`, both ways. */
async function assertChat(from, fromPlayer, to, toPlayer) {
  const s = [from.mark(), to.mark()];
  const m1 = marker('there');
  from.chat(fromPlayer, m1);
  await to.waitForBroadcast(line.chat(identity(from), fromPlayer, m1), { since: s[1] });
  const m2 = marker('back');
  to.chat(toPlayer, m2);
  await from.waitForBroadcast(line.chat(identity(to), toPlayer, m2), { since: s[0] });
}

/** `bad` is refused: chat from it never crosses, and nothing reaches it (checked by markers). */
async function assertIsolated(bad, badPlayer, good, goodPlayer, host, hostPlayer) {
  const s = [bad.mark(), good.mark(), host.mark()];
  const leaked = marker('leak');
  bad.chat(badPlayer, leaked);
  const m = marker('after');
  host.chat(hostPlayer, m);
  await good.waitForBroadcast(line.chat(identity(host), hostPlayer, m), { since: s[1] });
  const m2 = marker('after2');
  good.chat(goodPlayer, m2);
  await host.waitForBroadcast(line.chat(identity(good), goodPlayer, m2), { since: s[2] });
  assertNoBroadcast(good, (l) => l.includes(leaked), s[1], '(chat of a refused server)');
  assertNoBroadcast(host, (l) => l.includes(leaked), s[2], '(chat of a refused server)');
  assertNoBroadcast(bad, (l) => l.includes(m) || l.includes(m2), s[0], '(chat reached a refused server)');
}

describe('shared secret', () => {
  const net = new Network();
  let H, A, W, N, port;

  before(async () => {
    port = await freePort();
    const common = { ip: '127.0.0.1', port, 'reconnect-interval': 1 };
    H = net.server('host', { ...common, hosting: true, secret: SECRET, name: 'Sec Host', color: 'aa00aa', prefix: '[SH]' },
      [makePlayer('Hugo', { host: true })]);
    A = net.server('alpha', { ...common, secret: ` ${SECRET} `, name: 'Sec A', color: '00aaaa', prefix: '[SA]' }, ['Ada']);
    W = net.server('wrong', { ...common, secret: WRONG, name: 'Sec Wrong', color: 'aaaa00', prefix: '[SW]' }, ['Wes']);
    N = net.server('none', { ...common, name: 'Sec None', color: '0000aa', prefix: '[SN]' }, ['Nia']);
    await net.start(H);
    await net.start(A);
    await A.waitForBroadcast(line.connectedToHost(identity(H), 1));
  });

  after(async () => {
    await net.finish();
    for (const s of [H, A, W, N]) assertSecretsNotLogged(s);
  });

  it('two plugins with the same secret chat', T, async () => {
    await assertChat(A, 'Ada', H, 'Hugo');
  });

  it('a plugin with a wrong secret is refused, logged on both sides, no chat crosses', T, async () => {
    const s = [H.mark(), W.mark()];
    await net.start(W);
    await H.waitForLog((l) => names(l, /secret|authenticat/i), { since: s[0], what: 'a refusal naming the secret on the host' });
    await W.waitForLog((l) => names(l, /secret|authenticat/i), { since: s[1], what: 'a refusal naming the secret on the wrong one' });
    await assertIsolated(W, 'Wes', A, 'Ada', H, 'Hugo');
    assertNoBroadcast(H, (l) => l.includes('Sec Wrong'), s[0], '(the refused server was announced)');
  });

  it('a plugin without a secret is refused by a hub that has one', T, async () => {
    const s = [H.mark(), N.mark()];
    await net.start(N);
    await H.waitForLog((l) => isProblem(l) && String(l.line).includes('refused'), { since: s[0], what: 'a refusal on the host' });
    await N.waitForLog((l) => names(l, /secret|authenticat/i), { since: s[1], what: 'a refusal naming authentication on the link' });
    await assertIsolated(N, 'Nia', A, 'Ada', H, 'Hugo');
  });
});

/** A self-signed certificate for 127.0.0.1 made with the openssl CLI, or null without it. */
function makeCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csc-e2e-tls-'));
  const cert = path.join(dir, 'hub.pem');
  const key = path.join(dir, 'hub.key');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], { encoding: 'utf8' });
  if (made.error || made.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { skip: `openssl could not make a certificate (${made.error?.message ?? made.stderr.trim()})` };
  }
  const fingerprint = new crypto.X509Certificate(fs.readFileSync(cert)).fingerprint256;
  return { dir, cert, key, fingerprint };
}

describe('TLS', () => {
  const net = new Network();
  let H, A, C, F, P, port, tls;

  before(async () => {
    tls = makeCertificate();
    if (tls.skip) return;
    port = await freePort();
    const common = { ip: '127.0.0.1', port, 'reconnect-interval': 1, secret: SECRET };
    // The plugin runs from its own folder: a relative path there must work.
    const folder = fs.realpathSync(pluginFolderPath());
    H = net.server('tls-host', {
      ...common, hosting: true, 'tls-cert': path.relative(folder, fs.realpathSync(tls.cert)), 'tls-key': tls.key,
      name: 'TLS Host', color: '5500aa', prefix: '[TH]',
    }, [makePlayer('Tess', { host: true })]);
    A = net.server('tls-pinned', { ...common, tls: true, 'tls-fingerprint': tls.fingerprint, name: 'TLS Pin', color: '55aa00', prefix: '[TP]' }, ['Pia']);
    C = net.server('tls-ca', { ...common, tls: true, 'tls-ca': tls.cert, name: 'TLS CA', color: '0055aa', prefix: '[TC]' }, ['Cai']);
    const wrong = tls.fingerprint.split(':').map((b, i) => (i === 0 ? (b === '00' ? '11' : '00') : b)).join(':');
    F = net.server('tls-wrong-pin', { ...common, tls: true, 'tls-fingerprint': wrong, name: 'TLS Wrong', color: 'aa5500', prefix: '[TW]' }, ['Fay']);
    P = net.server('plain', { ...common, name: 'Plain', color: '888800', prefix: '[PL]' }, ['Pat']);
    await net.start(H);
  });

  after(async () => {
    await net.finish();
    if (tls?.dir) fs.rmSync(tls.dir, { recursive: true, force: true });
  });

  it('a plugin pinning the certificate fingerprint chats with the TLS host', T, async (t) => {
    if (tls.skip) return t.skip(tls.skip);
    await net.start(A);
    await A.waitForBroadcast(line.connectedToHost(identity(H), 1));
    await assertChat(A, 'Pia', H, 'Tess');
  });

  it('a plugin verifying with the certificate as its CA chats too', T, async (t) => {
    if (tls.skip) return t.skip(tls.skip);
    await net.start(C);
    await C.waitForBroadcast(line.connectedToHost(identity(H), 1));
    await assertChat(C, 'Cai', A, 'Pia');
  });

  it('a wrong pinned fingerprint is refused by the link, no chat crosses', T, async (t) => {
    if (tls.skip) return t.skip(tls.skip);
    const s = F.mark();
    await net.start(F);
    await F.waitForLog((l) => names(l, /fingerprint|certificate|TLS/i), { since: s, what: 'a TLS refusal on the link' });
    await assertIsolated(F, 'Fay', A, 'Pia', H, 'Tess');
  });

  it('a plugin without TLS is refused by the TLS host, no chat crosses', T, async (t) => {
    if (tls.skip) return t.skip(tls.skip);
    const s = [H.mark(), P.mark()];
    await net.start(P);
    await H.waitForLog((l) => names(l, /TLS/i), { since: s[0], what: 'a TLS refusal on the host' });
    // The plain link only sees the hub close on it (it cannot tell TLS from any other close).
    await P.waitForLog((l) => /lost the connection|cannot connect|refused/i.test(String(l.line)),
      { since: s[1], what: 'a lost connection on the plain link' });
    await assertIsolated(P, 'Pat', A, 'Pia', H, 'Tess');
  });
});
