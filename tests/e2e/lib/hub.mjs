// The standalone csc-hub process, with its stderr recorded.

import { spawn } from 'node:child_process';
import readline from 'node:readline';

import { hubBinary, requireHub, tempWorkDir } from './paths.mjs';
import { Recorder } from './recorder.mjs';

export class HubProcess {
  /**
   * @param options {port, name, color, prefix} passed as command-line flags, and
   *                `extraArgs`: more flags, as they are
   */
  constructor({ port, name = 'Chat Hub', color = '00aaff', prefix = '[hub]', extraArgs = [] }) {
    this.options = { port, name, color, prefix, extraArgs };
    this.rec = new Recorder('csc-hub');
    this.child = null;
  }

  start() {
    requireHub();
    const { port, name, color, prefix, extraArgs } = this.options;
    const args = ['--host', '127.0.0.1', '--port', String(port), '--name', name, '--color', color, '--prefix', prefix,
      ...extraArgs];
    const child = spawn(hubBinary, args, { cwd: tempWorkDir(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    readline.createInterface({ input: child.stdout, terminal: false }).on('line', (l) => this.rec.push('stdout', l));
    readline.createInterface({ input: child.stderr, terminal: false }).on('line', (l) => this.rec.push('stderr', l));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.child = null;
      this.rec.push('exit', { code, signal });
      resolve({ code, signal });
    }));
  }

  /** SIGINT, then SIGKILL after `graceMs`; resolves with the exit and whether SIGKILL was needed. */
  async stop(graceMs = 3000) {
    const child = this.child;
    if (!child) return this.exited ?? null;
    let killed = false;
    child.kill('SIGINT');
    const timer = setTimeout(() => { killed = true; child.kill('SIGKILL'); }, graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return { ...exit, killed };
  }

  describe() {
    return `csc-hub stderr:\n${this.rec.list('stderr').slice(-20).join('\n')}`;
  }
}
