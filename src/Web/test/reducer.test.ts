import { describe, expect, it } from 'vitest';
import type { ChatAction } from '../src/chat/actions';
import type { ConversationChange } from '../src/chat/changes';
import { reduce, wouldLeaveGap } from '../src/chat/reducer';
import { firstUnreadSeq, sortedConvos, tabTitle, totalUnread } from '../src/chat/selectors';
import { initialState, type ChatState } from '../src/chat/state';
import type { ChatMessage, Convo } from '../src/logic/types';

const convo = (id: string, over: Partial<Convo> = {}): Convo => ({
  id,
  name: 'alice, bob',
  members: ['alice', 'bob'],
  lastSeq: 0,
  unreadCount: 0,
  unreadMentionCount: 0,
  lastActivityAt: null,
  lastMessage: null,
  direct: false,
  ...over,
});
const msg = (seq: number, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  seq,
  conversationId: 'c1',
  content: `message ${seq}`,
  createdAt: '2026-11-20T10:00:00Z',
  authorId: 'u2',
  authorName: 'bob',
  ...over,
});
const run = (...actions: ChatAction[]): ChatState => actions.reduce(reduce, initialState);
const seqs = (state: ChatState, id = 'c1') => state.messages[id]?.messages.map((m) => m.seq);

describe('the chat reducer', () => {
  it('reports a gap when a live message skips seqs, and merges the catch-up read without duplicates', () => {
    let state = run({ type: 'messagePage', conversationId: 'c1', page: 'latest', messages: [msg(3), msg(2), msg(1)], olderToken: null });
    expect(wouldLeaveGap(state, 'c1', [msg(4)])).toBe(false);
    expect(wouldLeaveGap(state, 'c1', [msg(7)])).toBe(true);
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [msg(7)] });
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [msg(4), msg(5), msg(6), msg(7)] });
    expect(seqs(state)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps the older-page cursor and merges older pages without duplicates', () => {
    const state = run(
      { type: 'messagePage', conversationId: 'c1', page: 'latest', messages: [msg(10), msg(9)], olderToken: 'older' },
      { type: 'messagePage', conversationId: 'c1', page: 'older', messages: [msg(9), msg(8), msg(7)], olderToken: null },
    );
    expect(state.messages.c1).toMatchObject({ olderToken: null, loaded: true });
    expect(seqs(state)).toEqual([7, 8, 9, 10]);
  });

  it('takes a newer state of a message (higher rev) and never lets an older copy undo it', () => {
    const state = run(
      { type: 'messages', conversationId: 'c1', messages: [msg(1, { rev: 1 })] },
      { type: 'messages', conversationId: 'c1', messages: [msg(1, { rev: 3, content: 'edited', editedAt: '2026-11-20T10:01:00Z' })] },
      { type: 'messages', conversationId: 'c1', messages: [msg(1, { rev: 1 })] },
    );
    expect(state.messages.c1!.messages[0]).toMatchObject({ content: 'edited', rev: 3 });
  });

  it('keeps the newest preview when a list page read before a newer message arrives late', () => {
    const newer = convo('c1', { lastSeq: 5, unreadCount: 2, lastActivityAt: '2026-11-20T10:05:00Z', lastMessage: { id: 'm5', seq: 5, content: 'five', createdAt: null, authorName: 'bob' } });
    const stale = convo('c1', { lastSeq: 4, unreadCount: 1, name: 'renamed', lastActivityAt: '2026-11-20T10:04:00Z' });
    const state = run({ type: 'convo', convo: newer }, { type: 'convoPage', page: 'first', items: [stale], nextToken: null });
    expect(state.convos.c1).toMatchObject({ lastSeq: 5, unreadCount: 2, name: 'renamed', lastMessage: { content: 'five' } });
  });

  it('orders the list by activity and keeps the older-page cursor across a fresh first page', () => {
    const state = run(
      { type: 'convoPage', page: 'first', items: [convo('a', { lastActivityAt: '2026-11-20T10:00:00Z' })], nextToken: 't1' },
      { type: 'convoPage', page: 'older', items: [convo('b', { lastActivityAt: '2026-11-19T10:00:00Z' })], nextToken: 't2' },
      { type: 'convo', convo: convo('b', { lastActivityAt: '2026-11-21T10:00:00Z' }) },
      { type: 'convoPage', page: 'first', items: [convo('b', { lastActivityAt: '2026-11-21T10:00:00Z' })], nextToken: 'a-cursor' },
    );
    expect(sortedConvos(state.convos).map((c) => c.id)).toEqual(['b', 'a']);
    expect(state.list.nextToken).toBe('t2');
  });

  it('a removed conversation leaves the list and takes nothing more', () => {
    const state = run(
      { type: 'convo', convo: convo('c1') },
      { type: 'messages', conversationId: 'c1', messages: [msg(1)] },
      { type: 'convoRemoved', conversationId: 'c1' },
      { type: 'messages', conversationId: 'c1', messages: [msg(2)] },
      { type: 'convo', convo: convo('c1', { lastSeq: 2 }) },
    );
    expect(state.convos.c1).toBeUndefined();
    expect(state.messages.c1).toBeUndefined();
    expect(state.gone.c1).toBe('removed');
    const readded = reduce(state, { type: 'convo', convo: convo('c1', { lastSeq: 3 }), added: true });
    expect(readded.convos.c1?.lastSeq).toBe(3);
    expect(readded.gone.c1).toBeUndefined();
  });

  it('an unknown link is missing until the conversation turns out to exist', () => {
    let state = run({ type: 'convoMissing', conversationId: 'x' });
    expect(state.gone.x).toBe('missing');
    state = reduce(state, { type: 'convo', convo: convo('x') });
    expect(state.gone.x).toBeUndefined();
  });

  it("takes the server's unread count from a read mark, and the tab title counts only what is not muted", () => {
    let state = run(
      { type: 'convo', convo: convo('a', { unreadCount: 3, lastSeq: 10 }) },
      { type: 'convo', convo: convo('b', { unreadCount: 4, lastSeq: 4 }) },
    );
    expect(tabTitle(totalUnread(state))).toBe('(7) Chatt');
    state = reduce(state, { type: 'mute', conversationId: 'b', muted: true });
    expect(tabTitle(totalUnread(state))).toBe('(3) Chatt');
    state = reduce(state, { type: 'readMarked', conversationId: 'a', unreadCount: 0 });
    expect(tabTitle(totalUnread(state))).toBe('Chatt');
  });

  it('puts the first unread after what was read', () => {
    expect(firstUnreadSeq(convo('a', { lastSeq: 154, unreadCount: 12 }))).toBe(143);
    expect(firstUnreadSeq(convo('a', { lastSeq: 154, unreadCount: 0 }))).toBeNull();
  });

  it('shows who is typing until they stop or their indicator expires', () => {
    let state = run(
      { type: 'typing', conversationId: 'c1', userId: 'u2', username: 'bob', typing: true, expiresAt: 5_000 },
      { type: 'typing', conversationId: 'c1', userId: 'u3', username: 'carol', typing: true, expiresAt: 9_000 },
    );
    expect(Object.keys(state.typing.c1!)).toEqual(['u2', 'u3']);
    state = reduce(state, { type: 'tick', now: 6_000 });
    expect(Object.keys(state.typing.c1!)).toEqual(['u3']);
    state = reduce(state, { type: 'typing', conversationId: 'c1', userId: 'u3', username: 'carol', typing: false, expiresAt: 0 });
    expect(state.typing.c1).toEqual({});
  });

  it('returns the same state for an action that changes nothing', () => {
    const state = run({ type: 'convo', convo: convo('a') });
    expect(reduce(state, { type: 'convo', convo: convo('a') })).toBe(state);
    expect(reduce(state, { type: 'tick', now: 1 })).toBe(state);
    expect(reduce(state, { type: 'mute', conversationId: 'a', muted: false })).toBe(state);
  });

  it('applies each change of the stream exactly once, by rev, replay and live overlapping', () => {
    const change = (rev: number, kind: ConversationChange['kind'], message: ChatMessage): ChatAction => ({
      type: 'change',
      change: { conversationId: 'c1', kind, rev, actorId: 'u2', message },
    });
    const created = change(5, 'MESSAGE_CREATED', msg(1, { rev: 5 }));
    const edited = change(6, 'MESSAGE_EDITED', msg(1, { rev: 6, content: 'fixed', editedAt: '2026-11-20T10:02:00Z' }));
    const reacted = change(7, 'REACTION_ADDED', msg(1, { rev: 7, content: 'fixed', reactions: [{ emoji: '👍', count: 1, me: false, usernames: ['bob'] }] }));
    const deleted = change(8, 'MESSAGE_DELETED', msg(1, { rev: 8, content: '', deletedAt: '2026-11-20T10:03:00Z' }));
    // live 5, 6 arrive; then a replay from afterRev 4 repeats 5, 6 and brings 7, 8; a late 6 comes again.
    const state = run(
      { type: 'convo', convo: convo('c1', { lastSeq: 1, lastMessage: { id: 'm1', seq: 1, content: 'message 1', createdAt: null, authorName: 'bob' } }) },
      created, edited, created, edited, reacted, deleted, edited,
    );
    expect(state.revs.c1).toBe(8);
    expect(state.messages.c1!.messages).toHaveLength(1);
    expect(state.messages.c1!.messages[0]).toMatchObject({ rev: 8, content: '', deletedAt: '2026-11-20T10:03:00Z' });
    expect(state.convos.c1!.lastMessage?.content).toBe('');
  });

  it('takes membership and renames from the stream as the conversation after the change', () => {
    const state = run(
      { type: 'convo', convo: convo('c1', { members: ['alice', 'bob', 'carol'] }) },
      { type: 'typing', conversationId: 'c1', userId: 'u3', username: 'carol', typing: true, expiresAt: 9e15 },
      {
        type: 'change',
        change: { conversationId: 'c1', kind: 'MEMBER_REMOVED', rev: 4, actorId: 'u1', link: { userId: 'u3', username: 'carol', role: 'MEMBER', removed: true }, convo: convo('c1', { members: ['alice', 'bob'] }) },
      },
      { type: 'change', change: { conversationId: 'c1', kind: 'CONVERSATION_UPDATED', rev: 5, actorId: 'u1', convo: convo('c1', { name: 'Launch', members: ['alice', 'bob'] }) } },
    );
    expect(state.convos.c1).toMatchObject({ name: 'Launch', members: ['alice', 'bob'] });
    expect(state.typing.c1).toEqual({});
  });

  it('moves the catch-up rev only forward, and a rev read by HTTP makes a later live event of that rev a repeat', () => {
    let state = run({ type: 'revReached', conversationId: 'c1', rev: 9 }, { type: 'revReached', conversationId: 'c1', rev: 4 });
    expect(state.revs.c1).toBe(9);
    const same = reduce(state, { type: 'revReached', conversationId: 'c1', rev: 9 });
    expect(same).toBe(state);
    state = reduce(state, { type: 'change', change: { conversationId: 'c1', kind: 'MESSAGE_EDITED', rev: 9, actorId: 'u2', message: msg(1, { rev: 9, content: 'late' }) } });
    expect(state.messages.c1).toBeUndefined();
  });

  it('applies a catch-up read by rev: an edit and a tombstone replace the older copies, an older copy never undoes them', () => {
    let state = run({ type: 'messagePage', conversationId: 'c1', page: 'latest', messages: [msg(2, { rev: 3 }), msg(1, { rev: 2 })], olderToken: null });
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [msg(1, { rev: 5, content: 'edited', editedAt: '2026-11-20T10:05:00Z' }), msg(2, { rev: 6, content: '', deletedAt: '2026-11-20T10:06:00Z' })] });
    state = reduce(state, { type: 'messages', conversationId: 'c1', messages: [msg(1, { rev: 2 })] });
    expect(state.messages.c1!.messages.map((m) => [m.content, m.rev])).toEqual([['edited', 5], ['', 6]]);
  });

  it('keeps capabilities the probe did not answer, and changes nothing when the answer is the same', () => {
    let state = run({ type: 'capabilities', changeStream: true, liveChanges: false, typingEvents: false });
    expect(state).toMatchObject({ changeStream: true, liveChanges: false, typingEvents: false });
    state = reduce(state, { type: 'capabilities', liveChanges: true });
    expect(state).toMatchObject({ changeStream: true, liveChanges: true, typingEvents: false });
    expect(reduce(state, { type: 'capabilities', changeStream: true })).toBe(state);
  });
});
