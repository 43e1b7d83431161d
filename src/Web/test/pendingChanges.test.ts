import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../src/logic/outbox';
import { lastEditable, toggled, withPendingChanges } from '../src/logic/pendingChanges';
import type { ChatMessage } from '../src/logic/types';

const message: ChatMessage = {
  id: 'm1', seq: 1, conversationId: 'c1', content: 'helo', createdAt: '2026-11-20T10:00:00Z', authorId: 'u1', authorName: 'alice', rev: 4,
  reactions: [{ emoji: '👍', count: 1, me: false, usernames: ['bob'] }],
};
let order = 0;
const item = (over: Partial<OutboxItem>): OutboxItem => ({
  id: `o${++order}`, conversationId: 'c1', content: '', createdAt: '2026-11-20T10:05:00Z', order, state: 'queued', messageId: 'm1', ...over,
});

describe('own changes waiting in the outbox', () => {
  it('show an edit and a reaction at once, marked pending', () => {
    const shown = withPendingChanges(message, [item({ kind: 'edit', content: 'hello' }), item({ kind: 'react', emoji: '👍' })], 'alice');
    expect(shown).toMatchObject({ content: 'hello', pending: true, editedAt: '2026-11-20T10:05:00Z' });
    expect(shown.reactions).toEqual([{ emoji: '👍', count: 2, me: true, usernames: ['bob', 'alice'] }]);
  });

  it('show a delete as the tombstone, whatever came before it', () => {
    const shown = withPendingChanges(message, [item({ kind: 'edit', content: 'x' }), item({ kind: 'delete' })], 'alice');
    expect(shown).toMatchObject({ content: '', reactions: [] });
    expect(shown.deletedAt).toBeTruthy();
  });

  it('leave the message alone when nothing of its own is queued', () => {
    expect(withPendingChanges(message, [item({ kind: 'edit', messageId: 'other', content: 'x' })], 'alice')).toBe(message);
  });

  it('toggle reactions with set semantics', () => {
    expect(toggled([], '🎉', true, 'alice')).toEqual([{ emoji: '🎉', count: 1, me: true, usernames: ['alice'] }]);
    const mine = toggled([], '🎉', true, 'alice');
    expect(toggled(mine, '🎉', true, 'alice')).toEqual(mine);
    expect(toggled(mine, '🎉', false, 'alice')).toEqual([]);
  });

  it('find the last message the caller may edit', () => {
    const list = [message, { ...message, id: 'm2', seq: 2, authorId: 'u2' }, { ...message, id: 'm3', seq: 3, deletedAt: 'x' }];
    expect(lastEditable(list, 'u1')?.id).toBe('m1');
    expect(lastEditable(list, 'u9')).toBeUndefined();
  });
});
