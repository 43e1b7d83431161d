import type { OutboxItem } from './outbox';
import type { ChatMessage, Reaction } from './types';

/**
 * A message as the person sees it while their own edits, deletes and reactions wait in the outbox (offline, or
 * in flight): the queued changes applied in order on top of the server's state, so nothing they did seems lost.
 * `pending` says a change is still on its way.
 */
export function withPendingChanges(message: ChatMessage, outbox: readonly OutboxItem[], me: string): ChatMessage & { pending?: boolean } {
  let result: ChatMessage & { pending?: boolean } = message;
  for (const item of outbox) {
    if (item.messageId !== message.id || item.state === 'failed') continue;
    switch (item.kind) {
      case 'edit':
        if (!result.deletedAt) result = { ...result, content: item.content, editedAt: result.editedAt ?? item.createdAt, pending: true };
        break;
      case 'delete':
        result = { ...result, content: '', deletedAt: item.createdAt, reactions: [], pending: true };
        break;
      case 'react':
      case 'unreact':
        if (!result.deletedAt && item.emoji) result = { ...result, reactions: toggled(result.reactions ?? [], item.emoji, item.kind === 'react', me), pending: true };
        break;
      default:
        break;
    }
  }
  return result;
}

/** The reactions after the caller adds (or removes) one emoji: set semantics, a group at 0 goes. */
export function toggled(reactions: readonly Reaction[], emoji: string, add: boolean, me: string): Reaction[] {
  const existing = reactions.find((r) => r.emoji === emoji);
  if (add) {
    if (existing?.me) return [...reactions];
    if (existing) return reactions.map((r) => (r === existing ? { ...r, count: r.count + 1, me: true, usernames: [...r.usernames, me] } : r));
    return [...reactions, { emoji, count: 1, me: true, usernames: [me] }];
  }
  if (!existing?.me) return [...reactions];
  return reactions
    .map((r) => (r === existing ? { ...r, count: r.count - 1, me: false, usernames: r.usernames.filter((u) => u !== me) } : r))
    .filter((r) => r.count > 0);
}

/** The newest message of the caller that can still be edited (for Up-arrow in an empty composer). */
export function lastEditable(messages: readonly ChatMessage[], myId: string): ChatMessage | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.authorId === myId && !m.deletedAt) return m;
  }
  return undefined;
}
