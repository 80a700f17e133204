// A fake Omegga 1.8 game server that runs the plugin as an RPC plugin, the way Omegga does:
// spawn `<plugin folder>/omegga_plugin` by absolute path from another working directory,
// readline on stdout, each line JSON.parse'd into a json-rpc-2.0 JSONRPCServerAndClient.
//
// One FakeOmegga is one game server: its players, its config and its plugin store outlive
// the plugin process, so a test can stop and start the plugin again. Everything the plugin
// asks for is recorded: broadcast lines, whispers, logs, stderr lines, bad stdout lines.

import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

import { configDefaults, pluginFolderPath, requirePlugin, tempDataDir, tempWorkDir } from './paths.mjs';
import { Recorder, matcher } from './recorder.mjs';

let rpc;
try {
  rpc = await import('json-rpc-2.0');
} catch (err) {
  throw new Error(
    `cannot load the npm package json-rpc-2.0 (${err.message}): run \`npm ci\` in tests/e2e first`);
}
const { JSONRPCClient, JSONRPCServer, JSONRPCServerAndClient } = rpc;

let nextPlayerNumber = 1;

/** A player as Omegga knows one; `host` marks the game server's host. */
export function makePlayer(name, { host = false, roles = [] } = {}) {
  const n = nextPlayerNumber++;
  const hex = n.toString(16).padStart(12, '0');
  return {
    name, displayName: name, host, roles,
    id: `00000000-0000-4000-8000-${hex}`,
    controller: `BP_PlayerController_C_${2147480000 + n}`,
    state: `BP_PlayerState_C_${2147470000 + n}`,
  };
}

const LOG_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'];

export class FakeOmegga {
  /**
   * @param label   a name for failure messages ("host", "alpha", ...)
   * @param config  config values; Omegga's defaults (doc.json) fill the rest
   * @param players players online when the plugin loads
   */
  constructor(label, { config = {}, players = [] } = {}) {
    this.label = label;
    this.config = { ...configDefaults(), ...config };
    // Each game server keeps its hub log in a folder of its own (kept across plugin restarts),
    // not in the shared plugin folder, unless the test says where.
    if (!('log-folder' in config)) this.config['log-folder'] = tempDataDir();
    this.players = [...players];
    this.store = new Map();
    this.rec = new Recorder(label);
    this.child = null;
    this.exits = [];
  }

  // ---- process lifecycle -------------------------------------------------

  /** Spawns the plugin, sends the bootstrap notifications and `init`; returns init's result. */
  async start({ initTimeoutMs = 5000 } = {}) {
    requirePlugin();
    if (this.child) throw new Error(`${this.label}: plugin already running`);
    const launcher = path.join(pluginFolderPath(), 'omegga_plugin');
    const child = spawn(launcher, [], { cwd: tempWorkDir(), stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.rec.push('spawn', { pid: child.pid });
    child.stdin.setDefaultEncoding('utf8');
    child.stdin.on('error', (err) => this.rec.push('stdinError', err.message));
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        const exit = { code, signal, expected: this.stopping === child };
        this.exits.push(exit);
        this.rec.push('exit', exit);
        if (this.child === child) this.child = null;
        // Let readline deliver the last stderr lines before quoting them.
        setImmediate(() => {
          const tail = this.rec.list('stderr').slice(-30).join('\n');
          rpc.rejectAllPendingRequests(`${this.label}: plugin exited (${code ?? signal}); stderr:\n${tail}`);
          // Waiters belong to whichever process runs now; only fail them if none does.
          if (this.child === null) this.rec.failAll(`plugin exited (code ${code}, signal ${signal}); stderr:\n${tail}`);
        });
        resolve(exit);
      });
    });
    const rpc = this.makeRpc(child);
    this.rpc = rpc;
    readline.createInterface({ input: child.stdout, terminal: false })
      .on('line', (line) => this.onStdoutLine(line));
    readline.createInterface({ input: child.stderr, terminal: false })
      .on('line', (line) => this.rec.push('stderr', line));

    this.notify('plugin:players:raw', [this.rawPlayers()]);
    this.notify('bootstrap', [{
      host: { name: 'HostPlayer', id: '00000000-0000-4000-8000-00000000ffff' },
      version: '1.8.0', verbose: false, savePath: 'data/Saved/Builds', worldPath: 'data/Saved/Worlds',
      path: 'data', configPath: 'data/Saved/Config', presetPath: 'data/Saved/Presets',
      starting: false, started: true, stopping: false, config: {}, currentMap: 'Plate',
    }]);
    return this.request('init', this.config, initTimeoutMs);
  }

  /** Omegga's unload: request `stop` (5 s), then SIGINT, then SIGKILL if still alive. */
  async stop() {
    const child = this.child;
    if (!child) return null;
    this.stopping = child;
    let answer;
    try {
      answer = { result: await this.request('stop', undefined, 5000) };
    } catch (err) {
      answer = { error: err.message };
    }
    this.rec.push('stopAnswer', answer);
    await this.kill(child);
    return answer;
  }

  /** SIGINT, then SIGKILL after a short grace, and waits for the exit. */
  async kill(child = this.child) {
    if (!child || child.exitCode !== null || child.signalCode !== null) return this.exited;
    child.kill('SIGINT');
    const grace = setTimeout(() => child.kill('SIGKILL'), 500);
    const exit = await this.exited;
    clearTimeout(grace);
    return exit;
  }

  /** The plugin's delivery record in this server's store ({server_id, session, epoch?,
   *  position?}), or null before the first start. */
  deliveryRecord() {
    const r = this.store.get('delivery');
    return r === undefined ? null : structuredClone(r);
  }

  /** True while the plugin process runs. */
  get alive() {
    return this.child !== null;
  }

  // ---- JSON-RPC ------------------------------------------------------------

  makeRpc(child) {
    const server = new JSONRPCServer();
    const client = new JSONRPCClient((request) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      child.stdin.write(`${JSON.stringify(request)}\n`);
      return Promise.resolve();
    });
    const both = new JSONRPCServerAndClient(server, client, {
      errorListener: (message, data) => this.rec.push('badMessage', { message, data }),
    });
    for (const level of LOG_METHODS) {
      both.addMethod(level, (line) => { this.rec.push('log', { level, line }); return null; });
    }
    both.addMethod('broadcast', (line) => {
      // Omegga splits on newlines and drops lines of 512 characters or more.
      this.rec.push('broadcastRaw', line);
      for (const part of String(line).split('\n')) this.rec.push('broadcast', part);
      return null;
    });
    both.addMethod('whisper', ({ target, line }) => {
      this.rec.push('whisperRaw', { target, line });
      for (const part of String(line).split('\n')) this.rec.push('whisper', { target, line: part });
      return null;
    });
    both.addMethod('middlePrint', ({ target, line }) => { this.rec.push('middlePrint', { target, line }); return null; });
    both.addMethod('getPlayers', () => this.players.map(({ name, id, controller, state }) => ({ name, id, controller, state })));
    both.addMethod('player.get', (target) => {
      const p = this.findPlayer(target);
      return p ? { name: p.name, displayName: p.displayName, id: p.id, controller: p.controller, state: p.state, host: p.host } : null;
    });
    both.addMethod('player.getRoles', (target) => this.findPlayer(target)?.roles ?? null);
    both.addMethod('getHostId', () => this.players.find((p) => p.host)?.id ?? null);
    both.addMethod('getRoleSetup', () => ({ roles: [], defaultRole: {} }));
    both.addMethod('store.get', (key) => (this.store.has(key) ? structuredClone(this.store.get(key)) : null));
    both.addMethod('store.set', ([key, value]) => { this.store.set(key, structuredClone(value)); return null; });
    both.addMethod('store.delete', (key) => { this.store.delete(key); return null; });
    both.addMethod('store.keys', () => [...this.store.keys()]);
    both.addMethod('store.count', () => this.store.size);
    both.addMethod('store.wipe', () => { this.store.clear(); return null; });
    server.applyMiddleware(async (next, request, params) => {
      this.rec.push('call', { method: request.method, params: request.params, id: request.id });
      return next(request, params);
    });
    return both;
  }

  onStdoutLine(line) {
    this.rec.push('stdout', line);
    let data;
    try {
      data = JSON.parse(line);
    } catch {
      this.rec.push('nonJson', line); // Omegga logs such a line as plain output
      return;
    }
    Promise.resolve()
      .then(() => this.rpc.receiveAndSend(data))
      .catch((err) => this.rec.push('badMessage', { message: err.message, data }));
  }

  notify(method, params) {
    this.rec.push('sent', { method, params });
    this.rpc.notify(method, params);
  }

  async request(method, params, timeoutMs = 5000) {
    this.rec.push('sent', { method, params });
    try {
      return await this.rpc.timeout(timeoutMs).request(method, params);
    } catch (err) {
      throw new Error(`${this.label}: request ${method} failed after at most ${timeoutMs} ms: ${err.message}`);
    }
  }

  /** Writes one raw line to the plugin's stdin (for malformed-input tests). */
  writeRaw(line) {
    this.child.stdin.write(line);
  }

  // ---- players and events ----------------------------------------------------

  rawPlayers() {
    return this.players.map((p) => [p.name, p.displayName, p.id, p.controller, p.state]);
  }

  findPlayer(target) {
    const t = String(target);
    return this.players.find((p) => p.name === t || p.id === t || p.controller === t || p.state === t)
      ?? this.players.find((p) => p.name.toLowerCase() === t.toLowerCase()) ?? null;
  }

  /** A player says something in chat. */
  chat(name, message) {
    this.notify('chat', [name, message]);
  }

  /** A player joins; Omegga then sends the whole player list again. */
  join(player) {
    this.players.push(player);
    const { name, id, controller, state } = player;
    this.notify('join', [{ name, id, controller, state }]);
    this.notify('plugin:players:raw', [this.rawPlayers()]);
  }

  /** A player leaves; Omegga then sends the whole player list again. */
  leave(name) {
    const player = this.findPlayer(name);
    this.players = this.players.filter((p) => p !== player);
    const { id, controller, state } = player;
    this.notify('leave', [{ name: player.name, id, controller, state }]);
    this.notify('plugin:players:raw', [this.rawPlayers()]);
  }

  /** `/csc ARGS` typed by `name` (args split on single spaces, as Omegga does). */
  command(name, argLine = '') {
    const args = argLine === '' ? [] : argLine.split(' ');
    this.notify('cmd:csc', [name, ...args]);
    this.notify('cmd', ['csc', name, ...args]);
  }

  // ---- waiting and checking ------------------------------------------------

  mark() {
    return this.rec.mark();
  }

  broadcasts(since) {
    return this.rec.since('broadcast', since);
  }

  whispers(target, since) {
    return this.rec.since('whisper', since).filter((w) => w.target === target).map((w) => w.line);
  }

  logs(since) {
    return this.rec.since('log', since);
  }

  waitForBroadcast(line, { timeoutMs = 5000, since } = {}) {
    return this.rec.waitFor('broadcast', matcher(line), { timeoutMs, since, what: JSON.stringify(String(line)) });
  }

  waitForWhisper(target, line, { timeoutMs = 5000, since } = {}) {
    const m = matcher(line);
    return this.rec.waitFor('whisper', (w) => w.target === target && m(w.line),
      { timeoutMs, since, what: `to ${target}: ${JSON.stringify(String(line))}` });
  }

  waitForLog(predicate, { timeoutMs = 5000, since, what } = {}) {
    return this.rec.waitFor('log', predicate, { timeoutMs, since, what });
  }

  /** Counts the broadcasts equal to (or matching) `line` since a mark. */
  countBroadcasts(line, since) {
    return this.broadcasts(since).filter(matcher(line)).length;
  }

  /** A short dump for failure messages. */
  describe() {
    return `${this.label}: stderr:\n${this.rec.list('stderr').slice(-20).join('\n')}\n` +
      `logs: ${JSON.stringify(this.rec.list('log').slice(-20))}`;
  }
}
