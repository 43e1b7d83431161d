import { catchUpFrom, leavesGap, mergeBySeq } from './mergeBySeq';
import type { ChatMessage } from './types';

/**
 * The loaded messages of each conversation the person has opened, merged by seq from every source, plus the
 * cursor for older pages. Kept outside the GraphQL cache because seq-merging and catch-up are this app's rules.
 */
export interface ConversationMessages {
  readonly messages: readonly ChatMessage[];
  /** Cursor of the next older page; null when the oldest message is loaded. */
  readonly olderToken: string | null;
  /** The first page has been read; until then live messages are kept but the list is incomplete. */
  readonly loaded: boolean;
}

const empty: ConversationMessages = { messages: [], olderToken: null, loaded: false };

export class MessageStore {
  private readonly conversations = new Map<string, ConversationMessages>();
  private readonly listeners = new Set<() => void>();

  get(conversationId: string): ConversationMessages {
    return this.conversations.get(conversationId) ?? empty;
  }

  /** Conversations with a loaded first page: the ones to catch up after a reconnect. */
  loadedIds(): string[] {
    return [...this.conversations].filter(([, c]) => c.loaded).map(([id]) => id);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest page (read newest-first): sets the older cursor. */
  applyLatestPage(conversationId: string, messages: readonly ChatMessage[], olderToken: string | null): void {
    const current = this.get(conversationId);
    this.set(conversationId, {
      messages: mergeBySeq(current.messages, messages),
      olderToken: current.loaded ? current.olderToken : olderToken,
      loaded: true,
    });
  }

  applyOlderPage(conversationId: string, messages: readonly ChatMessage[], olderToken: string | null): void {
    const current = this.get(conversationId);
    this.set(conversationId, { ...current, messages: mergeBySeq(current.messages, messages), olderToken });
  }

  /**
   * Messages from the live stream, a send's answer or a catch-up read. Returns true when they left a hole after
   * the newest loaded message, so the caller reads the missing range by afterSeq.
   */
  applyMessages(conversationId: string, messages: readonly ChatMessage[]): boolean {
    const current = this.get(conversationId);
    const gap = current.loaded && messages.some((m) => leavesGap(current.messages, m.seq));
    const merged = mergeBySeq(current.messages, messages);
    if (merged !== current.messages) this.set(conversationId, { ...current, messages: merged });
    return gap;
  }

  /** The afterSeq to catch up this conversation from. */
  catchUpFrom(conversationId: string): number {
    return catchUpFrom(this.get(conversationId).messages);
  }

  private set(conversationId: string, value: ConversationMessages): void {
    this.conversations.set(conversationId, value);
    for (const listener of this.listeners) listener();
  }
}
