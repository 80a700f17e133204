// The exact lines players see, as the original plugin renders them
// (shared/spec original-behaviour: Broadcasts and Whispers), and Omegga's sanitize.

import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from './paths.mjs';

const c = (color) => `<color="${color}">`;

/** `s` = {name, color, prefix} of a server. */
export const line = {
  connected: (s, players) => `${c(s.color)}${s.prefix} <b>${s.name}</> has connected to chat with ${players} players online.</>`,
  connectedToHost: (host, players) => `${c(host.color)}Connected to host chat <b>${host.name}</> with ${players} players online.</>`,
  disconnected: (s) => `${c(s.color)}${s.prefix} <b>${s.name}</> has disconnected from chat.</>`,
  ownDisconnected: (own) => `${c(own.color)}Disconnected from chat.</>`,
  joined: (s, user) => `${c(s.color)}${s.prefix} <b>${user}</> has joined <b>${s.name}</>.</>`,
  left: (s, user) => `${c(s.color)}${s.prefix} <b>${user}</> has left <b>${s.name}</>.</>`,
  chat: (s, user, content) => `${c(s.color)}${s.prefix} <b>${user}</>:</> ${content}`,
};

export const whisper = {
  listHeader: (own, k) => `${c(own.color)}A total of <b>${k} connections</> are active.</>`,
  listEntry: (id, s, isHost = false) => `${c('aaaaaa')}(ID ${id})</> ${c(s.color)}${s.prefix} <b>${s.name}</></>` +
    (isHost ? ` ${c('aaaaaa')}(HOST)</>` : ''),
  muted: (own) => `${c(own.color)}<b>Muted.</> Messages will no longer be shown to other servers.</>`,
  unmuted: (own) => `${c(own.color)}<b>Unmuted.</> Messages will be shown to other servers.</>`,
  deafened: (own) => `${c(own.color)}<b>Deafened.</> Messages from other servers will not be shown.</>`,
  undeafened: (own) => `${c(own.color)}<b>Undeafened.</> Messages from other servers will be shown.</>`,
  reconnecting: 'Attempting to reconnect...',
  unauthorized: 'You are not authorized to use that command.',
  invalid: 'Invalid subcommand.',
};

let emotes;
function knownEmotes() {
  if (emotes) return emotes;
  const candidates = [
    process.env.CSC_EMOTES_FILE,
    path.join(repoRoot, 'data', 'brickadia-emotes.txt'),
    path.join(repoRoot, 'docs', 'brickadia-emotes.txt'),
  ].filter(Boolean);
  const file = candidates.find((f) => fs.existsSync(f));
  emotes = new Set(file ? fs.readFileSync(file, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean)
    : ['egg']);
  return emotes;
}

/** Omegga's sanitize: escapes in this order, then :emote: for known emotes. */
export function sanitize(text) {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '&scl;')
    .replace(/>/g, '&gt;')
    .replace(/_/g, '&und;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '\\"');
  const known = knownEmotes();
  return escaped.replace(/:([^:\s]+):/g, (whole, name) => (known.has(name) ? `<emoji>${name}</>` : whole));
}

/** The same escaping without emotes (what the plugin applies to names, prefixes and usernames). */
export function escapeMarkup(text) {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '&scl;')
    .replace(/>/g, '&gt;')
    .replace(/_/g, '&und;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '\\"');
}

/**
 * Splits sanitized text into the units a truncation must not cut: escapes (`&scl;`, `\\`,
 * `\"`), emoji tags, and single characters.
 */
export function sanitizedTokens(text) {
  return text.match(/&(?:scl|gt|und|lt);|\\[\\"]|<emoji>[^<]*<\/>|[\s\S]/gu) ?? [];
}

/** The lines of the player commands (docs/rendering.md, "Player commands"); `s`, `own` as above. */
export const playerLine = {
  whoHeader: (own, players, servers) =>
    `${c(own.color)}<b>${players} player${players === 1 ? '' : 's'}</> online on <b>${servers} server${servers === 1 ? '' : 's'}</>.</>`,
  whoServer: (s, names) =>
    `${c(s.color)}${s.prefix} <b>${s.name}</></> ${c('aaaaaa')}(${names.length} player${names.length === 1 ? '' : 's'})</>` +
    (names.length ? `: ${names.join(', ')}` : ''),
  unshared: (s) => `${c('aaaaaa')}${s.prefix} <b>${s.name}</> does not share its players: /csc who and /csc msg cannot see them.</>`,
  received: (s, from, content) => `${c(s.color)}${s.prefix} <b>${from}</> whispers:</> ${content}`,
  sent: (s, to, content) => `${c(s.color)}To ${s.prefix} <b>${to}</>:</> ${content}`,
  noSuchPlayer: (q) => `${c('ff5555')}No player named <b>${q}</> is online.</>`,
  ambiguous: (q, names) => `${c('ff5555')}<b>${q}</> matches several players: ${names.join(', ')}. Type one of these (name@server) or more of the name.</>`,
  noReply: `${c('ff5555')}Nobody has whispered to you yet.</>`,
  ignoreAdded: (own, name) => `${c(own.color)}Ignoring <b>${name}</>: their cross-server chat and whispers are hidden from you.</>`,
  ignoreList: (own, names) => `${c(own.color)}You ignore: ${names.map((n) => `<b>${n}</>`).join(', ')}</>`,
  hidden: (own) => `${c(own.color)}<b>Hidden.</> Messages from other servers will not be shown to you.</>`,
  unhidden: (own) => `${c(own.color)}<b>Unhidden.</> Messages from other servers will be shown to you.</>`,
  helpHeader: (own) => `${c(own.color)}<b>Cross-server chat commands:</></>`,
};
