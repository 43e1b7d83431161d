import { leavesGap, mergeBySeq } from '../logic/mergeBySeq';
import type { ChatMessage, Convo } from '../logic/types';
import type { ChatAction } from './actions';
import type { ConversationChange } from './changes';
import { emptyMessages, type ChatState, type ConversationMessages } from './state';

/**
 * The one place ChatState changes. Pure: same state and action, same result; returns the state itself when the
 * action changes nothing, so subscribers skip a render.
 */
export function reduce(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'convoPage': {
      let convos = state.convos;
      // A page read before a removal landed must not bring the conversation back.
      for (const convo of action.items) if (state.gone[convo.id] !== 'removed') convos = upsert(convos, convo);
      // A fresh first page (after a reconnect) must not take away the cursor of older pages already shown.
      const keepCursor = action.page === 'first' && state.list.olderLoaded;
      return {
        ...state,
        convos,
        list: {
          loaded: true,
          failed: false,
          nextToken: keepCursor ? state.list.nextToken : action.nextToken,
          olderLoaded: state.list.olderLoaded || action.page === 'older',
        },
      };
    }
    case 'convoPageFailed':
      return state.list.loaded || state.list.failed ? state : { ...state, list: { ...state.list, failed: true } };
    case 'convo': {
      if (state.gone[action.convo.id] === 'removed' && !action.added) return state; // a late event after leaving
      const convos = upsert(state.convos, action.convo);
      if (convos === state.convos && !state.gone[action.convo.id]) return state;
      return { ...state, convos, gone: without(state.gone, action.convo.id) };
    }
    case 'convoMissing':
    case 'convoRemoved': {
      const gone = action.type === 'convoMissing' ? 'missing' : 'removed';
      if (state.gone[action.conversationId] === gone && !state.convos[action.conversationId]) return state;
      return {
        ...state,
        convos: without(state.convos, action.conversationId),
        messages: without(state.messages, action.conversationId),
        typing: without(state.typing, action.conversationId),
        revs: without(state.revs, action.conversationId),
        gone: { ...state.gone, [action.conversationId]: gone },
      };
    }
    case 'messagePage': {
      const current = state.messages[action.conversationId] ?? emptyMessages;
      const next: ConversationMessages =
        action.page === 'latest'
          ? { messages: mergeBySeq(current.messages, action.messages), olderToken: current.loaded ? current.olderToken : action.olderToken, loaded: true }
          : { ...current, messages: mergeBySeq(current.messages, action.messages), olderToken: action.olderToken };
      return withMessages(state, action.conversationId, next);
    }
    case 'messages': {
      if (state.gone[action.conversationId] === 'removed') return state; // nothing after a removal is shown
      const current = state.messages[action.conversationId] ?? emptyMessages;
      const merged = mergeBySeq(current.messages, action.messages);
      let next = state;
      if (merged !== current.messages) next = withMessages(state, action.conversationId, { ...current, messages: merged });
      return withPreview(next, action.conversationId, merged);
    }
    case 'readMarked': {
      const convo = state.convos[action.conversationId];
      if (!convo) return state;
      const unreadMentionCount = action.unreadMentionCount ?? (action.unreadCount === 0 ? 0 : convo.unreadMentionCount);
      if (convo.unreadCount === action.unreadCount && convo.unreadMentionCount === unreadMentionCount) return state;
      return { ...state, convos: { ...state.convos, [convo.id]: { ...convo, unreadCount: action.unreadCount, unreadMentionCount } } };
    }
    case 'typing': {
      const current = state.typing[action.conversationId] ?? {};
      if (!action.typing) {
        if (!current[action.userId]) return state;
        return { ...state, typing: { ...state.typing, [action.conversationId]: without(current, action.userId) } };
      }
      return {
        ...state,
        typing: { ...state.typing, [action.conversationId]: { ...current, [action.userId]: { username: action.username, expiresAt: action.expiresAt } } },
      };
    }
    case 'tick': {
      let typing = state.typing;
      for (const [conversationId, typists] of Object.entries(state.typing)) {
        const left = Object.fromEntries(Object.entries(typists).filter(([, t]) => t.expiresAt > action.now));
        if (Object.keys(left).length !== Object.keys(typists).length) typing = { ...typing, [conversationId]: left };
      }
      return typing === state.typing ? state : { ...state, typing };
    }
    case 'change':
      return applyChange(state, action.change);
    case 'capabilities': {
      const next = {
        changeStream: action.changeStream ?? state.changeStream,
        liveChanges: action.liveChanges ?? state.liveChanges,
        typingEvents: action.typingEvents ?? state.typingEvents,
      };
      const same = next.changeStream === state.changeStream && next.liveChanges === state.liveChanges && next.typingEvents === state.typingEvents;
      return same ? state : { ...state, ...next };
    }
    case 'revReached': {
      if ((state.revs[action.conversationId] ?? 0) >= action.rev || state.gone[action.conversationId] === 'removed') return state;
      return { ...state, revs: { ...state.revs, [action.conversationId]: action.rev } };
    }
    case 'mute': {
      if (Boolean(state.muted[action.conversationId]) === action.muted) return state;
      return { ...state, muted: action.muted ? { ...state.muted, [action.conversationId]: true } : without(state.muted, action.conversationId) };
    }
    case 'mutedLoaded':
      return { ...state, muted: Object.fromEntries(action.conversationIds.map((id) => [id, true as const])) };
  }
}

/**
 * A change stream event: ignored when its rev was already applied (replays overlap live delivery); otherwise the
 * message, the link's conversation summary or the conversation itself as they are after the change.
 */
function applyChange(state: ChatState, change: ConversationChange): ChatState {
  const applied = state.revs[change.conversationId] ?? 0;
  if (change.rev <= applied || state.gone[change.conversationId] === 'removed') return state;
  let next: ChatState = { ...state, revs: { ...state.revs, [change.conversationId]: change.rev } };
  if (change.message) next = reduce(next, { type: 'messages', conversationId: change.conversationId, messages: [change.message] });
  if (change.convo) {
    const convos = upsert(next.convos, change.convo);
    if (convos !== next.convos) next = { ...next, convos };
  }
  if (change.kind === 'MEMBER_REMOVED' && change.link) {
    // Whoever left stops typing at once.
    next = reduce(next, { type: 'typing', conversationId: change.conversationId, userId: change.link.userId, username: '', typing: false, expiresAt: 0 });
  }
  return next;
}

/** True when merging `messages` would leave a hole after the newest loaded message: read the range by afterSeq. */
export function wouldLeaveGap(state: ChatState, conversationId: string, messages: readonly ChatMessage[]): boolean {
  const current = state.messages[conversationId];
  return !!current?.loaded && messages.some((m) => leavesGap(current.messages, m.seq));
}

/**
 * A summary from the server replaces what is kept, except that one read before a newer message arrived does not
 * take that message (and its unread count) back: the later seq wins the preview.
 */
function upsert(convos: Readonly<Record<string, Convo>>, incoming: Convo): Readonly<Record<string, Convo>> {
  const current = convos[incoming.id];
  let next = incoming;
  if (current && current.lastSeq > incoming.lastSeq) {
    next = { ...incoming, lastSeq: current.lastSeq, lastMessage: current.lastMessage, lastActivityAt: current.lastActivityAt, unreadCount: current.unreadCount };
  }
  if (current && sameConvo(current, next)) return convos;
  return { ...convos, [incoming.id]: next };
}

/** A changed message that is the conversation's newest (an edit or delete of it) changes the list's preview too. */
function withPreview(state: ChatState, conversationId: string, merged: readonly ChatMessage[]): ChatState {
  const convo = state.convos[conversationId];
  const newest = merged[merged.length - 1];
  if (!convo || !newest || newest.seq !== convo.lastMessage?.seq) return state;
  const preview = { id: newest.id, seq: newest.seq, content: newest.deletedAt ? '' : newest.content, createdAt: newest.createdAt, authorName: newest.authorName };
  if (preview.content === convo.lastMessage.content) return state;
  return { ...state, convos: { ...state.convos, [conversationId]: { ...convo, lastMessage: preview } } };
}

function withMessages(state: ChatState, conversationId: string, next: ConversationMessages): ChatState {
  const current = state.messages[conversationId];
  if (current && current.messages === next.messages && current.olderToken === next.olderToken && current.loaded === next.loaded) return state;
  return { ...state, messages: { ...state.messages, [conversationId]: next } };
}

function sameConvo(a: Convo, b: Convo): boolean {
  return (
    a.name === b.name &&
    a.lastSeq === b.lastSeq &&
    a.unreadCount === b.unreadCount &&
    a.unreadMentionCount === b.unreadMentionCount &&
    a.lastActivityAt === b.lastActivityAt &&
    a.direct === b.direct &&
    a.myRole === b.myRole &&
    a.lastRev === b.lastRev &&
    a.lastMessage?.id === b.lastMessage?.id &&
    a.lastMessage?.content === b.lastMessage?.content &&
    a.members.length === b.members.length &&
    a.members.every((m, i) => m === b.members[i])
  );
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!(key in record)) return record;
  const { [key]: _, ...rest } = record;
  return rest;
}
