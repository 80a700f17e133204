// A re-implementation of the ORIGINAL JavaScript plugin's wire behaviour (protocol v1),
// for interop tests. It keeps the original's quirks on purpose:
//   - each packet is written as JSON.stringify(packet) with no separator;
//   - each TCP `data` chunk is passed whole to JSON.parse (two packets in one read, or one
//     packet split across reads, is a parse error: the original process would crash, so here
//     the peer records a `crash` and drops every socket);
//   - content is relayed and shown raw, never sanitized;
//   - the host relays packets unchanged and gives identifiers per accepted connection.
// Instead of calling Omegga it records the lines it would broadcast.

import net from 'node:net';

import { Recorder, matcher } from './lib/recorder.mjs';

const PROTOCOL_VERSION = 1;
const color = (c) => `<color="${c}">`;

class OriginalPeer {
  constructor(label, { name, color: c, prefix, playerCount = 0 }) {
    this.name = name;
    this.color = c;
    this.prefix = prefix;
    this.playerCount = playerCount;
    this.connections = [];
    this.deafened = false;
    this.rec = new Recorder(label);
  }

  getConnection(identifier) {
    return this.connections.find((c) => c.identifier === identifier);
  }

  broadcast(line) {
    this.rec.push('broadcast', line);
  }

  /** The original throws inside a socket handler here, which ends its process. */
  crash(reason) {
    if (this.crashed) return;
    this.crashed = reason;
    this.rec.push('crash', reason);
    this.shutdown();
  }

  /** The rendering of the original's handlePacket; throws where the original would. */
  handlePacket(packet, isHost) {
    if (packet.type === 'connection') {
      const entry = isHost ? this.getConnection(packet.identifier)
        : { identifier: packet.identifier, name: packet.name, color: packet.color, prefix: packet.prefix };
      if (!isHost) this.connections.push(entry);
      this.broadcast(`${color(entry.color)}${entry.prefix} <b>${entry.name}</> has connected to chat with ${packet.playerCount} players online.</>`);
    } else if (packet.type === 'disconnect') {
      const { prefix, name, color: c } = this.getConnection(packet.identifier);
      this.broadcast(`${color(c)}${prefix} <b>${name}</> has disconnected from chat.</>`);
      this.connections.splice(this.connections.indexOf(this.getConnection(packet.identifier)), 1);
    } else if (packet.type === 'join' || packet.type === 'leave' || packet.type === 'message') {
      if (this.deafened) return;
      const { name, color: c, prefix } = this.getConnection(packet.identifier);
      if (packet.type === 'join') this.broadcast(`${color(c)}${prefix} <b>${packet.username}</> has joined <b>${name}</>.</>`);
      else if (packet.type === 'leave') this.broadcast(`${color(c)}${prefix} <b>${packet.username}</> has left <b>${name}</>.</>`);
      else this.broadcast(`${color(c)}${prefix} <b>${packet.username}</>:</> ${packet.content}`);
    }
  }

  parse(data) {
    const text = data.toString();
    this.rec.push('chunk', text);
    try {
      return JSON.parse(text);
    } catch (err) {
      this.crash(`JSON.parse failed on a TCP chunk (${err.message}): ${JSON.stringify(text.slice(0, 300))}`);
      return null;
    }
  }

  waitForBroadcast(line, { timeoutMs = 5000, since } = {}) {
    return this.rec.waitFor('broadcast', matcher(line), { timeoutMs, since, what: JSON.stringify(String(line)) });
  }

  broadcasts(since) {
    return this.rec.since('broadcast', since);
  }

  mark() {
    return this.rec.mark();
  }
}

/** The original's host role: a TCP server on 127.0.0.1. */
export class OriginalHost extends OriginalPeer {
  constructor(opts) {
    super('original-host', opts);
    this.port = opts.port;
    this.sockets = new Set();
  }

  start() {
    this.connections = [];
    this.identifier = 0;
    this.nextIdentifier = 1;
    this.server = net.createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  sendToAll(packet, except) {
    for (const c of this.connections) {
      if (c.identifier === except) continue;
      c.socket.write(JSON.stringify(packet));
    }
  }

  accept(socket) {
    this.sockets.add(socket);
    const context = { socket, identifier: this.nextIdentifier++, name: null, color: null, prefix: null, handshaken: false };
    this.connections.push(context);
    socket.on('error', () => {});
    socket.on('data', (data) => {
      const packet = this.parse(data);
      if (packet === null) return;
      try {
        this.onPacket(context, packet);
      } catch (err) {
        this.crash(`host handler threw: ${err.message} on ${JSON.stringify(packet)}`);
      }
    });
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (this.crashed || this.stopped) return;
      try {
        this.handlePacket({ type: 'disconnect', identifier: context.identifier }, true);
        this.sendToAll({ type: 'disconnect', identifier: context.identifier });
      } catch (err) {
        this.crash(`host close handler threw: ${err.message}`);
      }
    });
  }

  onPacket(context, packet) {
    if (!context.handshaken && packet.type !== 'handshake') {
      context.socket.destroy();
      return;
    }
    if (packet.type === 'handshake') {
      if (!packet.version || packet.version !== PROTOCOL_VERSION) {
        context.socket.destroy();
        return;
      }
      context.handshaken = true;
      this.rec.push('handshake', packet);
      const others = this.connections.filter((c) => c.identifier !== context.identifier)
        .map((c) => ({ identifier: c.identifier, name: c.name, color: c.color, prefix: c.prefix }));
      context.socket.write(JSON.stringify({
        type: 'acknowledge', identifier: context.identifier, hostIdentifier: this.identifier,
        playerCount: this.playerCount,
        connections: [...others, { identifier: this.identifier, name: this.name, color: this.color, prefix: this.prefix }],
      }));
      context.name = packet.name;
      context.color = packet.color;
      context.prefix = packet.prefix;
      const connection = { type: 'connection', identifier: context.identifier, name: packet.name, color: packet.color, prefix: packet.prefix, playerCount: packet.playerCount };
      this.handlePacket(connection, true);
      this.sendToAll(connection, context.identifier);
      return;
    }
    if (!['join', 'leave', 'message'].includes(packet.type)) return;
    this.handlePacket(packet, true);
    this.sendToAll(packet, context.identifier);
  }

  /** A player of the host server chats / joins / leaves. */
  chat(username, content) {
    this.sendToAll({ type: 'message', identifier: this.identifier, username, content });
  }

  join(username) {
    this.sendToAll({ type: 'join', identifier: this.identifier, username });
  }

  leave(username) {
    this.sendToAll({ type: 'leave', identifier: this.identifier, username });
  }

  /** Writes raw text to the connection with `identifier` (not something the original does). */
  writeRaw(identifier, text) {
    this.getConnection(identifier).socket.write(text);
  }

  shutdown() {
    this.stopped = true;
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The original's client role (reconnection disabled unless `reconnectInterval` is given). */
export class OriginalClient extends OriginalPeer {
  constructor(opts) {
    super('original-client', opts);
    this.port = opts.port;
    this.reconnectInterval = opts.reconnectInterval ?? 0;
  }

  start() {
    this.acknowledged = false;
    const socket = new net.Socket();
    this.socket = socket;
    socket.on('error', (err) => this.rec.push('socketError', err.message));
    socket.connect(this.port, '127.0.0.1', () => {
      this.write({ type: 'handshake', version: PROTOCOL_VERSION, name: this.name, color: this.color, prefix: this.prefix, playerCount: this.playerCount });
      socket.on('data', (data) => {
        const packet = this.parse(data);
        if (packet === null) return;
        try {
          this.onPacket(packet);
        } catch (err) {
          this.crash(`client handler threw: ${err.message} on ${JSON.stringify(packet)}`);
        }
      });
      socket.on('close', () => {
        if (this.crashed) return;
        this.broadcast(`${color(this.color)}Disconnected from chat.</>`);
        if (!this.stopped && this.reconnectInterval > 0) {
          this.timer = setTimeout(() => this.start(), this.reconnectInterval * 1000);
        }
      });
    });
  }

  onPacket(packet) {
    if (!this.acknowledged && packet.type !== 'acknowledge') {
      this.socket.destroy();
      return;
    }
    if (packet.type === 'acknowledge') {
      if (this.acknowledged) {
        this.socket.destroy();
        return;
      }
      this.identifier = packet.identifier;
      this.hostIdentifier = packet.hostIdentifier;
      this.connections = packet.connections;
      this.acknowledged = true;
      this.rec.push('acknowledge', packet);
      const host = this.getConnection(this.hostIdentifier);
      this.broadcast(`${color(host.color)}Connected to host chat <b>${host.name}</> with ${packet.playerCount} players online.</>`);
      return;
    }
    this.handlePacket(packet, false);
  }

  write(packet) {
    if (!this.socket || this.socket.readyState !== 'open') return;
    this.socket.write(JSON.stringify(packet));
  }

  chat(username, content) {
    this.write({ type: 'message', identifier: this.identifier, username, content });
  }

  join(username) {
    this.write({ type: 'join', identifier: this.identifier, username });
  }

  leave(username) {
    this.write({ type: 'leave', identifier: this.identifier, username });
  }

  /** Writes raw text on the socket (not something the original does). */
  writeRaw(text) {
    this.socket.write(text);
  }

  /** The list lines the original would whisper for `/csc list`. */
  listLines() {
    return [
      `${color(this.color)}A total of <b>${this.connections.length} connections</> are active.</>`,
      ...this.connections.map((c) => `${color('aaaaaa')}(ID ${c.identifier})</> ${color(c.color)}${c.prefix} <b>${c.name}</></>` +
        (c.identifier === this.hostIdentifier ? ` ${color('aaaaaa')}(HOST)</>` : '')),
    ];
  }

  shutdown() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.destroy();
    return Promise.resolve();
  }
}
