import { describe, expect, it } from 'vitest';
import { notificationText, shouldNotify } from '../src/chat/attention';
import { avatarColor, initials } from '../src/logic/avatar';
import { describeError, errorCode } from '../src/logic/errors';
import { continuesGroup, GROUP_WINDOW_MS } from '../src/logic/grouping';
import { mentionedNames, mentions } from '../src/logic/mentions';
import { convoTitle, generatedName, isGeneratedName } from '../src/logic/titles';
import type { ChatMessage, Convo } from '../src/logic/types';

const graphQLError = (code: string) => ({ graphQLErrors: [{ message: `[GraphQL] raw ${code} text`, extensions: { code } }] });

describe('error sentences', () => {
  it('never show the server\'s own text, and say what to do next', () => {
    const sentence = describeError('search for people', graphQLError('BAD_USER_INPUT'));
    expect(sentence).not.toContain('GraphQL');
    expect(sentence).toMatch(/^Could not search for people\. /);
    expect(describeError('save the username', graphQLError('USERNAME_TAKEN'))).toBe('Could not save the username. That username is taken. Try another one.');
  });
  it('tell the network from the server', () => {
    expect(errorCode({ networkError: new TypeError('Failed to fetch'), graphQLErrors: [] })).toBe('NETWORK');
    expect(errorCode(graphQLError('FORBIDDEN'))).toBe('FORBIDDEN');
    expect(errorCode(graphQLError('SOMETHING_NEW'))).toBe('UNKNOWN');
    expect(errorCode('CONFLICT')).toBe('CONFLICT');
    expect(describeError('load the messages', { networkError: new Error('x') })).toContain('back online');
  });
});

describe('conversation titles', () => {
  it('title a generated group by the other current members, for everyone', () => {
    const convo = { name: 'alice, bob', members: ['alice', 'bob', 'carol'], direct: false };
    expect(convoTitle(convo, 'alice')).toBe('bob, carol');
    expect(convoTitle(convo, 'carol')).toBe('alice, bob');
  });
  it('title a direct conversation by the other person, never including oneself', () => {
    expect(convoTitle({ name: 'alice, bob', members: ['alice', 'bob'], direct: true }, 'alice')).toBe('bob');
    expect(convoTitle({ name: 'whatever', members: ['alice', 'bob'], direct: true }, 'bob')).toBe('alice');
  });
  it('keep a name someone chose', () => {
    expect(convoTitle({ name: 'Release planning', members: ['alice', 'bob'], direct: false }, 'alice')).toBe('Release planning');
    expect(isGeneratedName('Paris, London', ['alice', 'bob'], 'alice')).toBe(false);
    expect(isGeneratedName('alice, bob, carol', ['alice', 'bob'], 'alice')).toBe(true); // carol left
  });
  it('generate a name within the limit', () => {
    expect(generatedName('alice', ['bob'], 100)).toBe('alice, bob');
    expect(generatedName('alice', Array.from({ length: 30 }, (_, i) => `user${i}`), 40).length).toBeLessThanOrEqual(40);
  });
});

describe('mentions', () => {
  it('find @usernames but not email addresses or trailing punctuation', () => {
    expect(mentionedNames('hi @bob, and @carol.smith. mail bob@example.com')).toEqual(['bob', 'carol.smith']);
    expect(mentions('ping @Bob!', 'bob')).toBe(true);
    expect(mentions('@all standup', 'bob')).toBe(true);
    expect(mentions('@bobby', 'bob')).toBe(false);
  });
});

describe('grouping and avatars', () => {
  it('groups one author within the window, and starts again after a pause or another author', () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 10, 20, 10) + ms).toISOString();
    expect(continuesGroup({ authorKey: 'u1', at: at(0) }, { authorKey: 'u1', at: at(30_000) })).toBe(true);
    expect(continuesGroup({ authorKey: 'u1', at: at(0) }, { authorKey: 'u1', at: at(GROUP_WINDOW_MS) })).toBe(false);
    expect(continuesGroup({ authorKey: 'u1', at: at(0) }, { authorKey: 'u2', at: at(1) })).toBe(false);
    expect(continuesGroup(undefined, { authorKey: 'u1', at: at(0) })).toBe(false);
  });
  it('makes initials and a stable colour per user id', () => {
    expect(initials('alice.smith')).toBe('AS');
    expect(initials('bob')).toBe('B');
    expect(initials('')).toBe('?');
    expect(avatarColor('user-1')).toBe(avatarColor('user-1'));
    expect(avatarColor('user-1')).not.toBe(avatarColor('user-2'));
  });
});

describe('desktop notifications', () => {
  const me = { id: 'u1', username: 'alice' };
  const message = (over: Partial<ChatMessage> = {}): ChatMessage => ({
    id: 'm1', seq: 1, conversationId: 'c1', content: 'hello', createdAt: '2026-11-20T10:00:00Z', authorId: 'u2', authorName: 'bob', ...over,
  });
  const group: Convo = { id: 'c1', name: 'team', members: ['alice', 'bob', 'carol'], lastSeq: 1, unreadCount: 1, unreadMentionCount: 0, lastActivityAt: null, lastMessage: null, direct: false };
  const direct: Convo = { ...group, members: ['alice', 'bob'], direct: true };
  const base = { me, muted: false, hidden: true, permission: 'granted' as const };

  it('come for direct messages and mentions while the tab is hidden', () => {
    expect(shouldNotify({ ...base, message: message(), convo: direct })).toBe(true);
    expect(shouldNotify({ ...base, message: message({ content: 'hey @alice' }), convo: group })).toBe(true);
    expect(shouldNotify({ ...base, message: message(), convo: group })).toBe(false);
  });
  it('never come for one\'s own messages, a visible tab, a muted conversation or without permission', () => {
    expect(shouldNotify({ ...base, message: message({ authorId: 'u1' }), convo: direct })).toBe(false);
    expect(shouldNotify({ ...base, hidden: false, message: message(), convo: direct })).toBe(false);
    expect(shouldNotify({ ...base, muted: true, message: message(), convo: direct })).toBe(false);
    expect(shouldNotify({ ...base, permission: 'default', message: message(), convo: direct })).toBe(false);
  });
  it('say who and where', () => {
    expect(notificationText(message(), 'team', false)).toEqual({ title: 'bob in team', body: 'hello' });
    expect(notificationText(message(), 'bob', true).title).toBe('bob');
  });
});
