import type { OutboxItem } from './outbox';
import { continuesGroup, type Groupable } from './grouping';
import type { ChatMessage } from './types';

/**
 * Optimistic reconciliation: what a conversation shows is the server's messages (by seq) followed by this
 * client's own messages not yet confirmed (by send order). A pending message disappears from the pending part
 * the moment the server's copy — same client-made id — arrives by any path (the send's answer, the live stream
 * or a catch-up read), so it is never shown twice, even before the outbox has removed it.
 */
export type TimelineEntry =
  | { readonly kind: 'day'; readonly key: string; readonly label: string }
  /** "New messages": right before the first message the reader had not read when they opened the conversation. */
  | { readonly kind: 'unread'; readonly key: string }
  | { readonly kind: 'message'; readonly key: string; readonly message: ChatMessage; readonly continued: boolean }
  | { readonly kind: 'pending'; readonly key: string; readonly item: OutboxItem; readonly continued: boolean };

export interface TimelineOptions {
  readonly now?: Date;
  /** The seq of the first unread message (selectors.firstUnreadSeq); null for no divider. */
  readonly firstUnreadSeq?: number | null;
  /** The reader's user id: their pending messages group with their confirmed ones. */
  readonly myId?: string;
}

export function pendingFor(
  conversationId: string,
  confirmed: readonly ChatMessage[],
  outbox: readonly OutboxItem[],
): OutboxItem[] {
  const confirmedIds = new Set(confirmed.map((m) => m.id));
  return outbox
    .filter((item) => (item.kind ?? 'send') === 'send' && item.conversationId === conversationId && !confirmedIds.has(item.id))
    .sort((a, b) => a.order - b.order);
}

/** The local calendar day of an ISO time, as a stable key. */
export function dayKey(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function dayLabel(iso: string, now: Date = new Date()): string {
  const key = dayKey(iso);
  if (key === dayKey(now.toISOString())) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (key === dayKey(yesterday.toISOString())) return 'Yesterday';
  const d = new Date(iso);
  return d.toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: d.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  });
}

/**
 * Confirmed messages, then pending ones, with a day separator before the first entry of each local day, the
 * unread divider before the first unread message, and each message marked as continuing its author's block.
 */
export function buildTimeline(
  conversationId: string,
  confirmed: readonly ChatMessage[],
  outbox: readonly OutboxItem[],
  { now = new Date(), firstUnreadSeq = null, myId }: TimelineOptions = {},
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  let lastDay = '';
  let previous: Groupable | undefined;
  const addDay = (iso: string) => {
    const key = dayKey(iso);
    if (key === lastDay) return;
    lastDay = key;
    previous = undefined;
    entries.push({ kind: 'day', key: `day:${key}`, label: dayLabel(iso, now) });
  };
  let dividerPlaced = firstUnreadSeq == null;
  for (const message of confirmed) {
    addDay(message.createdAt);
    if (!dividerPlaced && message.seq >= firstUnreadSeq!) {
      dividerPlaced = true;
      previous = undefined;
      entries.push({ kind: 'unread', key: 'unread' });
    }
    const current = { authorKey: message.authorId, at: message.createdAt };
    entries.push({ kind: 'message', key: message.id, message, continued: continuesGroup(previous, current) && !message.deletedAt });
    previous = message.deletedAt ? undefined : current;
  }
  for (const item of pendingFor(conversationId, confirmed, outbox)) {
    addDay(item.createdAt);
    const current = { authorKey: myId ?? 'me', at: item.createdAt };
    // Same key as the confirmed message it becomes, so React keeps the node and nothing jumps.
    entries.push({ kind: 'pending', key: item.id, item, continued: continuesGroup(previous, current) });
    previous = current;
  }
  return entries;
}
