// Records what a process says and lets a test wait for (or rule out) a record.
//
// Every record goes into one ordered list per kind. Waiting is event driven: a
// waiter is checked whenever a record arrives, and fails after its own timeout.

export class Recorder {
  constructor(label) {
    this.label = label;
    this.kinds = new Map();
    this.waiters = new Set();
  }

  list(kind) {
    if (!this.kinds.has(kind)) this.kinds.set(kind, []);
    return this.kinds.get(kind);
  }

  push(kind, value) {
    this.list(kind).push(value);
    for (const waiter of [...this.waiters]) waiter.check();
  }

  /** Current length of every list, to pass as `since` later. */
  mark() {
    const marks = {};
    for (const [kind, values] of this.kinds) marks[kind] = values.length;
    return marks;
  }

  /** The records of `kind` from `since` (a mark) on. */
  since(kind, since) {
    const from = since ? (since[kind] ?? 0) : 0;
    return this.list(kind).slice(from);
  }

  /** Resolves with the first record of `kind` (from `since`) matching `predicate`. */
  waitFor(kind, predicate, { timeoutMs = 5000, since, what } = {}) {
    const from = since ? (since[kind] ?? 0) : 0;
    return new Promise((resolve, reject) => {
      const waiter = {
        reject,
        check: () => {
          const values = this.list(kind);
          for (let i = from; i < values.length; ++i) {
            if (predicate(values[i])) {
              this.waiters.delete(waiter);
              clearTimeout(waiter.timer);
              resolve(values[i]);
              return true;
            }
          }
          return false;
        },
      };
      if (waiter.check()) return;
      waiter.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.list(kind).slice(from).slice(-15);
        reject(new Error(
          `${this.label}: timed out after ${timeoutMs} ms waiting for ${kind} ${what ?? predicate}\n` +
          `last ${kind} records:\n${seen.map((v) => '  ' + JSON.stringify(v)).join('\n') || '  (none)'}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Rejects every pending waiter that the records so far do not satisfy (the process died). */
  failAll(reason) {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.reject(new Error(`${this.label}: ${reason}`));
    }
  }
}

/** Matches a record equal to a string, or passing a predicate, or matching a RegExp. */
export function matcher(expected) {
  if (typeof expected === 'function') return expected;
  if (expected instanceof RegExp) return (v) => expected.test(v);
  return (v) => v === expected;
}
