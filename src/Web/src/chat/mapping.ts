import type { ConvoSummaryFragment, MessageFieldsFragment } from '../gql/graphql';
import type { StreamConvo, StreamEvent, StreamMessage } from '../api/streamOperations';
import type { ChatMessage, Convo } from '../logic/types';
import type { ConversationChange } from './changes';

/** The API's Message as the client keeps it. */
export function toChatMessage(m: MessageFieldsFragment): ChatMessage {
  return {
    id: m.id,
    seq: m.seq,
    conversationId: m.messageConversationId,
    content: m.content,
    createdAt: m.createdAt ?? new Date().toISOString(),
    authorId: m.authorId ?? m.author?.id ?? null,
    authorName: m.author?.username ?? null,
    rev: m.rev,
    editedAt: m.editedAt,
    deletedAt: m.deletedAt,
    replyToId: m.replyToId,
    replyTo: m.replyTo
      ? { id: m.replyTo.id, seq: m.replyTo.seq, content: m.replyTo.content, deleted: !!m.replyTo.deletedAt, authorName: m.replyTo.author?.username ?? null }
      : null,
    mentionsMe: m.mentionsMe,
    reactions: (m.reactions ?? []).map((r) => ({ emoji: r.emoji, count: r.count, me: r.me, usernames: [] })),
  };
}

/** The API's Conversation summary as the list keeps it. */
export function toConvo(c: ConvoSummaryFragment): Convo {
  const last = c.lastMessage;
  return {
    id: c.id,
    name: c.name,
    members: c.members,
    lastSeq: c.lastSeq,
    unreadCount: c.unreadCount,
    unreadMentionCount: c.unreadMentionCount,
    lastActivityAt: c.lastActivityAt ?? null,
    lastMessage: last
      ? { id: last.id, seq: last.seq, content: last.content, createdAt: last.createdAt ?? null, authorName: last.author?.username ?? null }
      : null,
    direct: c.direct,
    lastRev: c.lastRev,
    myRole: c.myRole,
  };
}

/** A Message of the change-stream operations: the same fields, plus who reacted where the selection lists them. */
export function streamToChatMessage(m: StreamMessage): ChatMessage {
  const message = toChatMessage({ ...m, __typename: 'Message' } as unknown as MessageFieldsFragment);
  return {
    ...message,
    reactions: (m.reactions ?? []).map((r) => ({
      emoji: r.emoji,
      count: r.count,
      me: r.me,
      usernames: (r.users?.items ?? []).filter((u) => u != null).map((u) => u!.username),
    })),
  };
}

export function streamToConvo(c: StreamConvo): Convo {
  return {
    ...toConvo(c as unknown as ConvoSummaryFragment),
    unreadMentionCount: c.unreadMentionCount ?? 0,
    lastRev: c.lastRev,
    myRole: c.myRole,
    direct: !!c.direct,
  };
}

export function streamToChange(e: StreamEvent): ConversationChange {
  return {
    conversationId: e.conversationId,
    kind: e.kind,
    rev: e.rev,
    actorId: e.actor?.id ?? null,
    message: e.message ? streamToChatMessage(e.message) : undefined,
    convo: e.conversation ? streamToConvo(e.conversation) : undefined,
    link: e.link?.convoLinkUserId
      ? { userId: e.link.convoLinkUserId, username: e.link.user?.username ?? null, role: e.link.role, removed: !!e.link.removedAt }
      : undefined,
    emoji: e.emoji,
  };
}
