// Where the things under test are, and a clear failure when they are missing.

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The e2e folder (tests/e2e). */
export const e2eDir = path.resolve(here, '..');

/** The repository root, which is the Omegga plugin folder. */
export const repoRoot = path.resolve(process.env.CSC_REPO_ROOT ?? path.join(e2eDir, '..', '..'));

/** The CMake build directory holding csc-hub and csc-plugin. */
export const buildDir = path.resolve(process.env.CSC_BUILD_DIR ?? path.join(repoRoot, 'build'));

/** The launcher Omegga spawns. */
export const pluginLauncher = path.join(repoRoot, 'omegga_plugin');

/** The standalone hub. */
export const hubBinary = path.join(buildDir, 'csc-hub');

function requireExecutable(file, hint) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new Error(`${file} is missing or not executable: ${hint}`);
  }
}

/** Throws a clear error unless the plugin launcher and the plugin binary are there. */
export function requirePlugin() {
  requireExecutable(pluginLauncher, 'the repository root must hold the omegga_plugin launcher');
  requireExecutable(path.join(buildDir, 'csc-plugin'), 'build the csc-plugin target first');
}

/** Throws a clear error unless the hub binary is there. */
export function requireHub() {
  requireExecutable(hubBinary, 'build the csc-hub target first');
}

/**
 * A plugin folder as Omegga sees it, whose `build` is the build directory under test.
 * When the build directory is the repository's own build/, that is the repository itself;
 * otherwise a temporary folder with the launcher and doc.json copied and `build` linked.
 */
let pluginFolder;
export function pluginFolderPath() {
  if (pluginFolder) return pluginFolder;
  if (buildDir === path.join(repoRoot, 'build')) {
    pluginFolder = repoRoot;
    return pluginFolder;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csc-e2e-plugin-'));
  for (const name of ['omegga_plugin', 'doc.json', 'plugin.json']) {
    const from = path.join(repoRoot, name);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, name));
  }
  fs.chmodSync(path.join(dir, 'omegga_plugin'), 0o755);
  fs.symlinkSync(buildDir, path.join(dir, 'build'));
  pluginFolder = dir;
  tempDirs.add(dir);
  return pluginFolder;
}

const tempDirs = new Set();
process.on('exit', () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh empty working directory (Omegga never runs a plugin from its own folder). */
export function tempWorkDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csc-e2e-cwd-'));
  tempDirs.add(dir);
  return dir;
}

/** A fresh empty folder for one game server's plugin data (the hub's delivery log). */
export function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csc-e2e-data-'));
  tempDirs.add(dir);
  return dir;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (bound to port 0, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The config defaults Omegga applies, read from doc.json (or the original's when absent). */
export function configDefaults() {
  const fallback = {
    hosting: false, ip: '127.0.0.1', port: 1337, name: 'Server Connection', color: '00aaff',
    prefix: '[!]', 'reconnect-authorized': '', 'reconnect-interval': 60,
  };
  const doc = path.join(repoRoot, 'doc.json');
  if (!fs.existsSync(doc)) return fallback;
  const parsed = JSON.parse(fs.readFileSync(doc, 'utf8'));
  const defaults = {};
  for (const [key, entry] of Object.entries(parsed.config ?? {})) defaults[key] = entry.default;
  return defaults;
}
