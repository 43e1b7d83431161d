import type { Client, OperationResult } from 'urql';
import {
  AddMemberMutation,
  ConvoMessagesQuery,
  ConvoQuery,
  CreateConvoMutation,
  InboxSubscription,
  MarkReadMutation,
  MyConvosQuery,
  SendMessageMutation,
} from '../api/operations';
import type { Connection } from '../api/connection';
import type { ConvoMessagesQuery as ConvoMessagesData, InboxSubscription as InboxData } from '../gql/graphql';
import { errorCode } from '../logic/errors';
import { IdbOutboxStorage } from '../logic/idbOutboxStorage';
import { catchUpFrom } from '../logic/mergeBySeq';
import { MemoryOutboxStorage, Outbox, SendRejected, type OutboxStorage } from '../logic/outbox';
import { convoTitle } from '../logic/titles';
import type { ChatMessage } from '../logic/types';
import type { ChatAction } from './actions';
import { notificationText, shouldNotify } from './attention';
import { Drafts, safeLocalStorage } from './drafts';
import { toChatMessage, toConvo } from './mapping';
import { wouldLeaveGap } from './reducer';
import { emptyMessages, type ConversationMessages } from './state';
import { ChatStore } from './store';

export const MESSAGE_PAGE_SIZE = 30;
/** The first page of the conversation list, and each older page. */
export const CONVO_PAGE_SIZE = 50;
const CATCH_UP_PAGE_SIZE = 200;
/** The most the first read of a conversation takes to reach its first unread message (the divider). */
const MAX_FIRST_PAGE = 200;
const SETTLE_READ_MS = 3000;
const TICK_MS = 1000;

/** Codes for which sending the same thing again cannot help; anything else is treated as "try later". */
const REFUSALS = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

export interface Me {
  readonly id: string;
  readonly username: string;
}

/**
 * The client's moving parts around the GraphQL client, and the one entry point for live events: `start` opens the
 * subscriptions (not a React effect), and every event — live, a read's answer, a send's answer — becomes a
 * ChatAction through the one reducer (store.ts). After any reconnect it refreshes the list, catches every loaded
 * conversation up, and replays the outbox in order.
 */
export class ChatEngine {
  readonly store = new ChatStore();
  readonly outbox: Outbox<ChatMessage>;
  readonly drafts: Drafts;
  me: Me | null = null;
  private started = false;
  private readonly catchingUp = new Map<string, { again: boolean; run: Promise<void> }>();
  private readonly catchUpRetries = new Map<string, ReturnType<typeof setTimeout>>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = 2000;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly markedRead = new Map<string, number>();
  private readonly mutedKey: string;

  /**
   * @param userKey whose outbox this is (the session's subject): each person on a shared browser gets their own
   * IndexedDB database, so one person's queued messages are never sent under another's session.
   */
  constructor(
    private readonly client: Client,
    readonly connection: Connection,
    userKey: string,
    storage: OutboxStorage = typeof indexedDB === 'undefined'
      ? new MemoryOutboxStorage()
      : new IdbOutboxStorage(indexedDB, `chatt-outbox-${userKey}`),
  ) {
    this.drafts = new Drafts(userKey);
    this.mutedKey = `chatt.muted.${userKey}`;
    this.outbox = new Outbox<ChatMessage>({
      storage,
      send: (item) => this.send(item.id, item.conversationId, item.content, item.createdAt),
      onSent: (_item, sent) => this.accept(sent),
    });
    connection.onReconnect(() => {
      void this.resync();
      // graphql-transport-ws does not say when the server has registered a subscription, so a message committed
      // between the catch-up read and that moment would come by neither path until the next one reveals the gap.
      // A second read shortly after closes that window without waiting for the next message.
      clearTimeout(this.settleTimer);
      this.settleTimer = setTimeout(() => void this.resync(), SETTLE_READ_MS);
    });
    if (typeof window !== 'undefined') window.addEventListener('online', () => void this.flush());
  }

  dispatch(action: ChatAction): void {
    this.store.dispatch(action);
  }

  /** Opens the live stream and reads the list; once per engine (StrictMode renders twice, the engine starts once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.loadMuted();
    this.client.subscription(InboxSubscription, {}).subscribe((result) => {
      if (result.data?.onInbox) this.receiveInbox(result.data.onInbox);
    });
    setInterval(() => this.dispatch({ type: 'tick', now: Date.now() }), TICK_MS);
    void this.loadConvos('first');
    void this.outbox
      .load()
      .catch(() => {
        // IndexedDB refused (private mode, quota): the outbox still works for this page's lifetime.
      })
      .then(() => this.flush());
  }

  messagesOf(conversationId: string): ConversationMessages {
    return this.store.get().messages[conversationId] ?? emptyMessages;
  }

  /** An onInbox event: the conversation's new summary, and its message when the event is one. */
  receiveInbox(event: NonNullable<InboxData['onInbox']>): void {
    // An event with a link is "you were added" (UserLinked): it may bring back a conversation the caller had left.
    if (event.conversation) this.dispatch({ type: 'convo', convo: toConvo(event.conversation), added: !!event.link });
    if (event.message) {
      const message = toChatMessage(event.message);
      this.accept(message);
      this.maybeNotify(message);
    }
  }

  /** Any single message from the server (live, or a send's answer): merged, and a hole before it is read. */
  private accept(message: ChatMessage): void {
    const gap = wouldLeaveGap(this.store.get(), message.conversationId, [message]);
    this.dispatch({ type: 'messages', conversationId: message.conversationId, messages: [message] });
    if (gap) void this.catchUp(message.conversationId);
  }

  async loadConvos(page: 'first' | 'older'): Promise<boolean> {
    const nextToken = page === 'older' ? this.store.get().list.nextToken : null;
    if (page === 'older' && !nextToken) return true;
    const result = await this.client.query(MyConvosQuery, { limit: CONVO_PAGE_SIZE, nextToken }, { requestPolicy: 'network-only' }).toPromise();
    const data = result.data?.myConvos;
    if (result.error || !data) {
      if (page === 'first') this.dispatch({ type: 'convoPageFailed' });
      return false;
    }
    this.dispatch({ type: 'convoPage', page, items: (data.items ?? []).filter((c) => c != null).map(toConvo), nextToken: data.nextToken ?? null });
    return true;
  }

  /** The conversation's current summary; an unknown or forbidden id marks it missing (the view says so). */
  async loadConvo(conversationId: string): Promise<void> {
    const result = await this.client.query(ConvoQuery, { id: conversationId }, { requestPolicy: 'network-only' }).toPromise();
    const code = result.error ? errorCode(result.error) : null;
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || (!result.error && !result.data?.getConvo)) {
      this.dispatch({ type: 'convoMissing', conversationId });
      return;
    }
    if (result.error) throw result.error;
    this.dispatch({ type: 'convo', convo: toConvo(result.data!.getConvo!) });
  }

  /**
   * The newest messages; when more are unread than one page holds, enough to reach the first unread one (up to
   * MAX_FIRST_PAGE), so the "New messages" divider is there to scroll to.
   */
  async loadLatest(conversationId: string): Promise<void> {
    const unread = this.store.get().convos[conversationId]?.unreadCount ?? 0;
    const limit = Math.min(MAX_FIRST_PAGE, Math.max(MESSAGE_PAGE_SIZE, unread + 10));
    const result = await this.client
      .query(ConvoMessagesQuery, { id: conversationId, limit, sortDirection: 'DESC' }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) throw result.error;
    const page = result.data?.getConvo?.messages;
    const items = (page?.items ?? []).filter((m) => m != null).map(toChatMessage);
    this.dispatch({ type: 'messagePage', conversationId, page: 'latest', messages: items, olderToken: page?.nextToken ?? null });
  }

  async loadOlder(conversationId: string): Promise<void> {
    const token = this.messagesOf(conversationId).olderToken;
    if (!token) return;
    const result = await this.client
      .query(ConvoMessagesQuery, { id: conversationId, limit: MESSAGE_PAGE_SIZE, sortDirection: 'DESC', nextToken: token }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) throw result.error;
    const page = result.data?.getConvo?.messages;
    const items = (page?.items ?? []).filter((m) => m != null).map(toChatMessage);
    this.dispatch({ type: 'messagePage', conversationId, page: 'older', messages: items, olderToken: page?.nextToken ?? null });
  }

  /**
   * Reads everything after the last unbroken seq, oldest first, until the server has no more. One run per
   * conversation at a time; a request that comes while one runs makes it read once more when done (the request
   * may know of newer messages, e.g. it came after a reconnect while the run started before). A run that fails
   * is tried again later, so a hole is never left waiting for the next reconnect.
   */
  catchUp(conversationId: string): Promise<void> {
    const current = this.catchingUp.get(conversationId);
    if (current) {
      current.again = true;
      return current.run;
    }
    clearTimeout(this.catchUpRetries.get(conversationId));
    this.catchUpRetries.delete(conversationId);
    const entry = { again: false, run: Promise.resolve() };
    entry.run = (async () => {
      try {
        do {
          entry.again = false;
          if (!(await this.readAfter(conversationId))) {
            if (entry.again) continue; // asked again meanwhile (the network may be back): try now
            this.catchUpRetries.set(conversationId, setTimeout(() => void this.catchUp(conversationId), 3000));
            return;
          }
        } while (entry.again);
      } finally {
        this.catchingUp.delete(conversationId);
      }
    })();
    this.catchingUp.set(conversationId, entry);
    return entry.run;
  }

  private async readAfter(conversationId: string): Promise<boolean> {
    let nextToken: string | null = null;
    const afterSeq = catchUpFrom(this.messagesOf(conversationId).messages);
    do {
      const result: OperationResult<ConvoMessagesData> = await this.client
        .query(ConvoMessagesQuery, { id: conversationId, afterSeq, limit: CATCH_UP_PAGE_SIZE, sortDirection: 'ASC', nextToken }, { requestPolicy: 'network-only' })
        .toPromise();
      if (result.error) {
        const code = errorCode(result.error);
        if (code === 'FORBIDDEN' || code === 'NOT_FOUND') {
          this.dispatch({ type: 'convoRemoved', conversationId });
          return true;
        }
        return false;
      }
      const page = result.data?.getConvo?.messages;
      this.dispatch({ type: 'messages', conversationId, messages: (page?.items ?? []).filter((m) => m != null).map(toChatMessage) });
      nextToken = page?.nextToken ?? null;
    } while (nextToken);
    return true;
  }

  async resync(): Promise<void> {
    await this.loadConvos('first');
    const loaded = Object.entries(this.store.get().messages).filter(([, c]) => c.loaded).map(([id]) => id);
    await Promise.all(loaded.map((id) => this.catchUp(id)));
    await this.flush();
  }

  async sendText(conversationId: string, content: string): Promise<void> {
    this.drafts.set(conversationId, '');
    await this.outbox.enqueue(conversationId, content);
    void this.flush();
  }

  /** Sends the outbox; when the network stops it, tries again with backoff (and at once on reconnect/online). */
  async flush(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (!navigator.onLine) return;
    const result = await this.outbox.flush();
    if (result === 'blocked') {
      this.retryTimer = setTimeout(() => void this.flush(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, 30_000);
    } else {
      this.retryDelay = 2000;
    }
  }

  /**
   * Marks read up to seq — the newest message the person has actually seen — once per new high-water mark (the
   * server's mark never moves back anyway). The answer's unread count goes straight to the list and the title.
   */
  markRead(conversationId: string, seq: number): void {
    if (seq <= 0 || (this.markedRead.get(conversationId) ?? 0) >= seq) return;
    this.markedRead.set(conversationId, seq);
    void this.client.mutation(MarkReadMutation, { conversationId, seq }).toPromise().then((r) => {
      if (r.error || !r.data?.markRead) {
        this.markedRead.delete(conversationId);
        return;
      }
      this.dispatch({ type: 'readMarked', conversationId, unreadCount: r.data.markRead.unreadCount });
    });
  }

  /** Creates a conversation; its id is made here so a double click or a retry returns the same one. */
  async createConvo(name: string, members: readonly string[]): Promise<string> {
    const result = await this.client.mutation(CreateConvoMutation, { id: crypto.randomUUID(), name, members: [...members] }).toPromise();
    const convo = result.data?.createConvo;
    if (result.error || !convo) throw result.error ?? new Error('createConvo returned nothing');
    this.dispatch({ type: 'convo', convo: toConvo(convo), added: true });
    return convo.id;
  }

  async addMember(conversationId: string, userId: string): Promise<void> {
    const result = await this.client.mutation(AddMemberMutation, { conversationId, userId }).toPromise();
    const convo = result.data?.createConvoLink?.conversation;
    if (result.error || !convo) throw result.error ?? new Error('createConvoLink returned nothing');
    this.dispatch({ type: 'convo', convo: toConvo(convo) });
  }

  setMuted(conversationId: string, muted: boolean): void {
    this.dispatch({ type: 'mute', conversationId, muted });
    try {
      safeLocalStorage()?.setItem(this.mutedKey, JSON.stringify(Object.keys(this.store.get().muted)));
    } catch {
      // not persisted; stays muted for this tab
    }
  }

  private loadMuted(): void {
    try {
      const ids = JSON.parse(safeLocalStorage()?.getItem(this.mutedKey) ?? '[]') as unknown;
      if (Array.isArray(ids)) this.dispatch({ type: 'mutedLoaded', conversationIds: ids.filter((i): i is string => typeof i === 'string') });
    } catch {
      // a damaged entry: nothing muted
    }
  }

  private maybeNotify(message: ChatMessage): void {
    if (!this.me || typeof Notification === 'undefined') return;
    const state = this.store.get();
    const convo = state.convos[message.conversationId];
    const context = {
      message,
      convo,
      me: this.me,
      muted: !!state.muted[message.conversationId],
      hidden: document.visibilityState === 'hidden',
      permission: Notification.permission,
    };
    if (!shouldNotify(context)) return;
    const direct = !!convo && (convo.direct || convo.members.length === 2);
    const text = notificationText(message, convo ? convoTitle(convo, this.me.username) : 'Chatt', direct);
    const notification = new Notification(text.title, { body: text.body, tag: message.id });
    notification.onclick = () => {
      window.focus();
      location.hash = `#/c/${encodeURIComponent(message.conversationId)}`;
    };
  }

  private async send(id: string, conversationId: string, content: string, createdAt: string): Promise<ChatMessage> {
    const result = await this.client.mutation(SendMessageMutation, { id, conversationId, content, createdAt }).toPromise();
    if (result.error) {
      const code = errorCode(result.error);
      if (!result.error.networkError && REFUSALS.has(code)) throw new SendRejected(code, code);
      throw result.error;
    }
    const message = result.data?.createMessage;
    if (!message) throw new Error('createMessage returned nothing');
    return toChatMessage(message);
  }
}
