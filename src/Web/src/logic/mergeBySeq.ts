/**
 * Messages of one conversation, kept as the server orders them: by `seq`, which is gap-free and increasing per
 * conversation. Every source (first page, older pages, the live stream, gap repair after a reconnect, a send's
 * own result) goes through `mergeBySeq`, so arrival order and repeats cannot reorder or duplicate anything.
 */
export interface Sequenced {
  readonly id: string;
  readonly seq: number;
  /** The conversation's rev of the message's latest change (edit, delete, reaction); higher is newer. */
  readonly rev?: number;
}

/**
 * Merges `incoming` into `current` (sorted ascending by seq, no two with one seq or one id) and returns a list
 * with the same guarantees. Returns `current` itself when nothing changed, so React skips a render.
 */
export function mergeBySeq<T extends Sequenced>(current: readonly T[], incoming: readonly T[]): readonly T[] {
  if (incoming.length === 0) return current;

  const bySeq = new Map<number, T>();
  for (const message of current) bySeq.set(message.seq, message);

  let changed = false;
  for (const message of incoming) {
    const existing = bySeq.get(message.seq);
    // Same seq, same id: a repeat, or a newer state of the message (edited, deleted, reacted to) when its rev is
    // higher — an older copy arriving late (a page read before the edit) never undoes a change.
    // Same seq, other id cannot happen with a consistent server; the later answer wins.
    if (existing && existing.id === message.id && (message.rev ?? 0) <= (existing.rev ?? 0)) continue;
    bySeq.set(message.seq, message);
    changed = true;
  }
  if (!changed) return current;

  const merged = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  // One id at one seq only: if a message was ever seen under another seq, keep the latest placement.
  const seen = new Set<string>();
  const result: T[] = [];
  for (let i = merged.length - 1; i >= 0; i--) {
    const message = merged[i]!;
    if (seen.has(message.id)) continue;
    seen.add(message.id);
    result.push(message);
  }
  return result.reverse();
}

/**
 * The seq to pass as `afterSeq` to catch up: the end of the unbroken run that starts at the oldest loaded message.
 * Anything after a hole is re-read, which is cheap and makes the hole disappear; 0 when nothing is loaded.
 */
export function catchUpFrom(messages: readonly Sequenced[]): number {
  if (messages.length === 0) return 0;
  let last = messages[0]!.seq;
  for (let i = 1; i < messages.length; i++) {
    const seq = messages[i]!.seq;
    if (seq !== last + 1) break;
    last = seq;
  }
  return last;
}

/** True when a message with `seq` cannot simply be appended: something between the newest loaded and it is missing. */
export function leavesGap(messages: readonly Sequenced[], seq: number): boolean {
  if (messages.length === 0) return false;
  return seq > messages[messages.length - 1]!.seq + 1;
}
