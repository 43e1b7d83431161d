import type { ConvoSummaryFragment, MessageFieldsFragment } from '../gql/graphql';
import type { ChatMessage, Convo } from '../logic/types';

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
    unreadMentionCount: 0,
    lastActivityAt: c.lastActivityAt ?? null,
    lastMessage: last
      ? { id: last.id, seq: last.seq, content: last.content, createdAt: last.createdAt ?? null, authorName: last.author?.username ?? null }
      : null,
    direct: false,
  };
}
