import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '../src/logic/outbox';
import { buildTimeline, pendingFor } from '../src/logic/timeline';
import type { ChatMessage } from '../src/logic/types';

const at = (day: number, hour: number) => new Date(2026, 10, day, hour).toISOString();
const msg = (seq: number, createdAt = at(20, 10), id = `m${seq}`): ChatMessage => ({
  id,
  seq,
  conversationId: 'c1',
  content: `message ${seq}`,
  createdAt,
  authorId: 'u1',
  authorName: 'alice',
});
const pending = (id: string, order: number, conversationId = 'c1'): OutboxItem => ({
  id,
  conversationId,
  content: id,
  createdAt: at(20, 11),
  order,
  state: 'queued',
});

describe('optimistic reconciliation', () => {
  it('shows own unconfirmed messages after the confirmed ones, in send order', () => {
    const entries = buildTimeline('c1', [msg(1), msg(2)], [pending('p2', 2), pending('p1', 1)], { now: new Date(2026, 10, 20, 12) });
    expect(entries.map((e) => e.key)).toEqual(['day:2026-11-20', 'm1', 'm2', 'p1', 'p2']);
  });

  it('drops a pending message as soon as the server copy with its id is there', () => {
    const confirmed = [msg(1), msg(2, at(20, 11), 'p1')];
    expect(pendingFor('c1', confirmed, [pending('p1', 1), pending('p2', 2)]).map((p) => p.id)).toEqual(['p2']);
    const keys = buildTimeline('c1', confirmed, [pending('p1', 1)]).map((e) => e.key);
    expect(keys.filter((k) => k === 'p1')).toHaveLength(1);
  });

  it('ignores pending messages of other conversations', () => {
    expect(pendingFor('c1', [], [pending('x', 1, 'c2')])).toEqual([]);
  });

  it('puts a day separator before the first message of each day', () => {
    const entries = buildTimeline('c1', [msg(1, at(18, 9)), msg(2, at(18, 23)), msg(3, at(20, 8))], [], { now: new Date(2026, 10, 20, 12) });
    expect(entries.filter((e) => e.kind === 'day').map((e) => (e.kind === 'day' ? e.label : ''))).toEqual([
      expect.stringContaining('18'),
      'Today',
    ]);
    expect(entries.map((e) => e.kind)).toEqual(['day', 'message', 'message', 'day', 'message']);
  });
});
