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
import * as Stream from '../api/streamOperations';
import type { ConvoMessagesQuery as ConvoMessagesData, InboxSubscription as InboxData } from '../gql/graphql';
import { errorCode } from '../logic/errors';
import { IdbOutboxStorage } from '../logic/idbOutboxStorage';
import { catchUpFrom } from '../logic/mergeBySeq';
import { MemoryOutboxStorage, Outbox, SendRejected, type OutboxItem, type OutboxStorage } from '../logic/outbox';
import { convoTitle } from '../logic/titles';
import type { ChatMessage, Role } from '../logic/types';
import type { ChatAction } from './actions';
import { notificationText, shouldNotify } from './attention';
import { Drafts, safeLocalStorage } from './drafts';
import { streamToChange, streamToChatMessage, streamToConvo, toChatMessage, toConvo } from './mapping';
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
/** While someone keeps typing, the server hears it at most this often (it expires the indicator itself). */
const TYPING_EVERY_MS = 3000;
/** Without the live change stream, how often the open conversation is read by rev (edits, deletes, reactions). */
const POLL_CHANGES_MS = 5000;

/** Codes for which sending the same thing again cannot help; anything else is treated as "try later". */
const REFUSALS = new Set(['BAD_USER_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']);

export interface Member {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
}

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
  private readonly streams = new Map<string, { unsubscribe: () => void }>();
  /** Conversations on screen (a view has opened them): what the rev catch-up keeps current without the live stream. */
  private readonly open = new Set<string>();
  private readonly catchingUpChanges = new Map<string, Promise<void>>();
  private readonly typingSent = new Map<string, number>();

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
      send: (item) => this.sendItem(item),
      onSent: (_item, sent) => this.accept(sent),
    });
    connection.onReconnect(() => {
      // Each open change stream resumes from the newest rev applied, so what changed while away comes once, in order.
      for (const id of this.open) if (this.messagesOf(id).loaded) this.openStream(id);
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
    setInterval(() => this.pollChanges(), POLL_CHANGES_MS);
    void this.probe();
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
    const stream = this.store.get().changeStream;
    const result = stream
      ? await this.client.query<{ getConvo: Stream.StreamConvo | null }>(Stream.StreamConvoQuery, { id: conversationId }, { requestPolicy: 'network-only' }).toPromise()
      : await this.client.query(ConvoQuery, { id: conversationId }, { requestPolicy: 'network-only' }).toPromise();
    const code = result.error ? errorCode(result.error) : null;
    if (code === 'NOT_FOUND' || code === 'FORBIDDEN' || (!result.error && !result.data?.getConvo)) {
      this.dispatch({ type: 'convoMissing', conversationId });
      return;
    }
    if (result.error) throw result.error;
    const convo = result.data!.getConvo!;
    this.dispatch({ type: 'convo', convo: stream ? streamToConvo(convo as Stream.StreamConvo) : toConvo(convo as Parameters<typeof toConvo>[0]) });
  }

  /**
   * The newest messages; when more are unread than one page holds, enough to reach the first unread one (up to
   * MAX_FIRST_PAGE), so the "New messages" divider is there to scroll to.
   */
  async loadLatest(conversationId: string): Promise<void> {
    const convo = this.store.get().convos[conversationId];
    const unread = convo?.unreadCount ?? 0;
    // The summary was read before this page, so the page holds every change up to its lastRev: a catch-up by rev
    // starts there (re-reading a change is harmless; missing one is not).
    const rev = convo?.lastRev;
    const limit = Math.min(MAX_FIRST_PAGE, Math.max(MESSAGE_PAGE_SIZE, unread + 10));
    const { items, nextToken } = await this.readMessages({ id: conversationId, limit, sortDirection: 'DESC' });
    this.dispatch({ type: 'messagePage', conversationId, page: 'latest', messages: items, olderToken: nextToken });
    if (rev != null) this.dispatch({ type: 'revReached', conversationId, rev });
  }

  async loadOlder(conversationId: string): Promise<void> {
    const token = this.messagesOf(conversationId).olderToken;
    if (!token) return;
    const { items, nextToken } = await this.readMessages({ id: conversationId, limit: MESSAGE_PAGE_SIZE, sortDirection: 'DESC', nextToken: token });
    this.dispatch({ type: 'messagePage', conversationId, page: 'older', messages: items, olderToken: nextToken });
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
      let page: { items: ChatMessage[]; nextToken: string | null };
      try {
        page = await this.readMessages({ id: conversationId, afterSeq, limit: CATCH_UP_PAGE_SIZE, sortDirection: 'ASC', nextToken });
      } catch (error) {
        const code = errorCode(error);
        if (code === 'FORBIDDEN' || code === 'NOT_FOUND') {
          this.dispatch({ type: 'convoRemoved', conversationId });
          return true;
        }
        return false;
      }
      this.dispatch({ type: 'messages', conversationId, messages: page.items });
      nextToken = page.nextToken;
    } while (nextToken);
    return true;
  }

  /** One page of messages, with the change stream's fields when the server has them. */
  private async readMessages(variables: {
    id: string;
    limit: number;
    sortDirection: 'ASC' | 'DESC';
    nextToken?: string | null;
    afterSeq?: number;
  }): Promise<{ items: ChatMessage[]; nextToken: string | null }> {
    if (this.store.get().changeStream) {
      type Page = { getConvo: { messages: { items: (Stream.StreamMessage | null)[] | null; nextToken: string | null } | null } | null };
      const result = await this.client.query<Page>(Stream.StreamMessagesQuery, variables, { requestPolicy: 'network-only' }).toPromise();
      if (result.error) throw result.error;
      const page = result.data?.getConvo?.messages;
      return { items: (page?.items ?? []).filter((m) => m != null).map((m) => streamToChatMessage(m!)), nextToken: page?.nextToken ?? null };
    }
    const result: OperationResult<ConvoMessagesData> = await this.client
      .query(ConvoMessagesQuery, variables, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.error) throw result.error;
    const page = result.data?.getConvo?.messages;
    return { items: (page?.items ?? []).filter((m) => m != null).map(toChatMessage), nextToken: page?.nextToken ?? null };
  }

  async resync(): Promise<void> {
    await this.loadConvos('first');
    const loaded = Object.entries(this.store.get().messages).filter(([, c]) => c.loaded).map(([id]) => id);
    await Promise.all(loaded.map((id) => this.catchUp(id)));
    // Without the live stream, what changed while away (edits, deletes, reactions) is read by rev.
    if (!this.store.get().liveChanges) await Promise.all(loaded.map((id) => this.catchUpChanges(id)));
    // A view whose first read failed (offline, a server error) reads again now.
    for (const id of this.open) if (!this.messagesOf(id).loaded) void this.openConversation(id);
    await this.flush();
  }

  /**
   * Reads every message created or changed after the newest rev applied, in rev order, and applies it: edits,
   * deletes and reactions made elsewhere, for a server without onConversationEvent. One read per conversation at
   * a time; a failed read leaves the rev where it was, so the next one covers the same ground.
   */
  catchUpChanges(conversationId: string): Promise<void> {
    const running = this.catchingUpChanges.get(conversationId);
    if (running) return running;
    const run = (async () => {
      try {
        let nextToken: string | null = null;
        do {
          const afterRev = this.store.get().revs[conversationId];
          if (afterRev == null || !this.store.get().changeStream) return;
          type Page = { getConvo: (Stream.StreamConvo & { messages: { items: (Stream.StreamMessage | null)[] | null; nextToken: string | null } | null }) | null };
          const result: OperationResult<Page> = await this.client
            .query<Page>(Stream.ChangedMessagesQuery, { id: conversationId, afterRev, limit: CATCH_UP_PAGE_SIZE, nextToken }, { requestPolicy: 'network-only' })
            .toPromise();
          if (result.error) {
            const code = errorCode(result.error);
            if (code === 'FORBIDDEN' || code === 'NOT_FOUND') this.dispatch({ type: 'convoRemoved', conversationId });
            return;
          }
          const convo = result.data?.getConvo;
          // Its summary too: a rename or a member change made elsewhere shows in the header and the list.
          if (convo && !nextToken) this.dispatch({ type: 'convo', convo: streamToConvo(convo) });
          const items = (convo?.messages?.items ?? []).filter((m) => m != null).map((m) => streamToChatMessage(m!));
          if (items.length) this.dispatch({ type: 'messages', conversationId, messages: items });
          nextToken = convo?.messages?.nextToken ?? null;
          const reached = nextToken ? Math.max(afterRev, ...items.map((m) => m.rev ?? 0)) : (convo?.lastRev ?? afterRev);
          this.dispatch({ type: 'revReached', conversationId, rev: reached });
        } while (nextToken);
      } finally {
        this.catchingUpChanges.delete(conversationId);
      }
    })();
    this.catchingUpChanges.set(conversationId, run);
    return run;
  }

  /** Without the live stream: the conversations on screen, read by rev while the tab is visible and online. */
  private pollChanges(): void {
    const state = this.store.get();
    if (!state.changeStream || state.liveChanges || !navigator.onLine) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    for (const id of this.open) if (this.messagesOf(id).loaded) void this.catchUpChanges(id);
  }

  /**
   * What a view does when it shows a conversation: its summary first (current members, unread count, so the first
   * read reaches the first unread message), then the newest page, then its live streams. Throws when a read fails;
   * the view says so, and the next reconnect tries again.
   */
  async openConversation(conversationId: string): Promise<void> {
    this.open.add(conversationId);
    await this.loadConvo(conversationId);
    if (this.store.get().gone[conversationId] || !this.open.has(conversationId)) return;
    await this.loadLatest(conversationId);
    if (this.open.has(conversationId)) this.openStream(conversationId);
  }

  /** The view left the conversation: its streams close and its typing indicator (if any) stops. */
  closeConversation(conversationId: string): void {
    this.open.delete(conversationId);
    this.closeStream(conversationId);
    this.setTyping(conversationId, false);
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
    // One other person: the direct API, which returns the existing conversation instead of making a second one.
    if (members.length === 1 && this.store.get().changeStream) {
      const direct = await this.client
        .mutation<{ createConvo: Stream.StreamConvo | null }>(Stream.CreateDirectMutation, { id: crypto.randomUUID(), name, members: [...members] })
        .toPromise();
      const convo = direct.data?.createConvo;
      if (direct.error || !convo) throw direct.error ?? new Error('createConvo returned nothing');
      this.dispatch({ type: 'convo', convo: streamToConvo(convo), added: true });
      return convo.id;
    }
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

  /** Asks the server once whether it has the change stream; everything that needs it waits for the answer. */
  private async probe(): Promise<void> {
    const result = await this.client.query(Stream.CapabilityProbe, {}, { requestPolicy: 'network-only' }).toPromise();
    const code = result.error ? errorCode(result.error) : null;
    // A server without the fields fails validation (no code we know); one with them says NOT_FOUND or null.
    const supported = !result.error?.networkError && (code === 'NOT_FOUND' || code === 'FORBIDDEN' || (!result.error && result.data != null));
    if (!supported) return;
    const [liveChanges, typingEvents] = await Promise.all([this.probeDocument(Stream.LiveChangesProbe), this.probeDocument(Stream.TypingProbe)]);
    this.dispatch({ type: 'capabilities', changeStream: true, liveChanges, typingEvents });
    // Reload what was read with the old fields, so every loaded message has its rev, reactions and reply.
    // (A conversation on screen is read again by its view, which follows `changeStream`.)
    for (const [id, c] of Object.entries(this.store.get().messages)) if (c.loaded && !this.open.has(id)) void this.loadLatest(id).catch(() => {});
  }

  /** True when the server accepts the document (it runs only its `{ __typename }` query; see streamOperations). */
  private async probeDocument(document: string): Promise<boolean> {
    const result = await this.client.query<{ __typename?: string }>(document, {}, { requestPolicy: 'network-only' }).toPromise();
    return !result.error && result.data?.__typename === 'Query';
  }

  /**
   * Follows one conversation's change stream from the newest rev applied (or its lastRev when first opened): the
   * server replays what changed since, then goes on live on the same stream. Reopened after every reconnect.
   */
  openStream(conversationId: string): void {
    const state = this.store.get();
    if (!state.changeStream) return;
    this.streams.get(conversationId)?.unsubscribe();
    this.streams.delete(conversationId);
    if (!state.liveChanges && !state.typingEvents) return;
    const afterRev = state.revs[conversationId] ?? state.convos[conversationId]?.lastRev ?? 0;
    const none = { unsubscribe: () => {} };
    const changes = !state.liveChanges ? none : this.client
      .subscription<{ onConversationEvent: Stream.StreamEvent | null }>(Stream.ConversationEventSubscription, { conversationId, afterRev })
      .subscribe((result) => {
        if (result.error) {
          const code = errorCode(result.error);
          if (code === 'FORBIDDEN' || code === 'NOT_FOUND') this.dispatch({ type: 'convoRemoved', conversationId });
          // Too far behind for a replay: read the conversation afresh and follow from its current rev.
          if (code === 'RESYNC_REQUIRED') void this.loadConvo(conversationId).then(() => this.loadLatest(conversationId)).then(() => this.openStream(conversationId));
          return;
        }
        const event = result.data?.onConversationEvent;
        if (event) this.receiveChange(event);
      });
    const typing = !state.typingEvents ? none : this.client
      .subscription<{ onTyping: { conversationId: string; typing: boolean; expiresAt: string | null; user: { id: string; username: string } } | null }>(
        Stream.TypingSubscription,
        { conversationId },
      )
      .subscribe((result) => {
        const t = result.data?.onTyping;
        if (!t || t.user.id === this.me?.id) return;
        const expiresAt = t.expiresAt ? Date.parse(t.expiresAt) : Date.now() + 6000;
        this.dispatch({ type: 'typing', conversationId, userId: t.user.id, username: t.user.username, typing: t.typing, expiresAt });
      });
    this.streams.set(conversationId, {
      unsubscribe: () => {
        changes.unsubscribe();
        typing.unsubscribe();
      },
    });
  }

  closeStream(conversationId: string): void {
    this.streams.get(conversationId)?.unsubscribe();
    this.streams.delete(conversationId);
  }

  /** One onConversationEvent: the caller's own removal takes the conversation away; anything else is a change. */
  receiveChange(event: Stream.StreamEvent): void {
    const change = streamToChange(event);
    if (change.kind === 'MEMBER_REMOVED' && change.link?.userId === this.me?.id) {
      this.closeStream(change.conversationId);
      this.dispatch({ type: 'convoRemoved', conversationId: change.conversationId });
      return;
    }
    this.dispatch({ type: 'change', change });
    if (change.kind === 'MESSAGE_CREATED' && change.message) this.maybeNotify(change.message);
  }

  /** Tells the others "typing" at most every few seconds while it lasts, and "stopped" once. */
  setTyping(conversationId: string, typing: boolean): void {
    if (!this.store.get().typingEvents) return;
    const last = this.typingSent.get(conversationId) ?? 0;
    if (typing && Date.now() - last < TYPING_EVERY_MS) return;
    if (!typing && last === 0) return;
    this.typingSent.set(conversationId, typing ? Date.now() : 0);
    void this.client.mutation(Stream.SetTypingMutation, { conversationId, typing }).toPromise();
  }

  async sendReply(conversationId: string, content: string, replyToId: string | undefined): Promise<void> {
    this.drafts.set(conversationId, '');
    this.setTyping(conversationId, false);
    await this.outbox.enqueue(conversationId, content, replyToId);
    void this.flush();
  }

  /** Edits, deletes and reactions go through the outbox like sends: shown at once, replayed in order when back. */
  async change(kind: 'edit' | 'delete' | 'react' | 'unreact', message: ChatMessage, extra: { content?: string; emoji?: string } = {}): Promise<void> {
    await this.outbox.enqueueChange({ kind, conversationId: message.conversationId, messageId: message.id, expectedRev: kind === 'edit' ? message.rev : undefined, ...extra });
    void this.flush();
  }

  private async sendItem(item: OutboxItem): Promise<ChatMessage> {
    const kind = item.kind ?? 'send';
    const stream = this.store.get().changeStream;
    type One = Record<string, Stream.StreamMessage | null>;
    const result =
      kind === 'send' && !stream
        ? await this.client.mutation(SendMessageMutation, { id: item.id, conversationId: item.conversationId, content: item.content, createdAt: item.createdAt }).toPromise()
        : kind === 'send'
          ? await this.client.mutation<One>(Stream.SendReplyMutation, { id: item.id, conversationId: item.conversationId, content: item.content, createdAt: item.createdAt, replyToId: item.replyToId ?? null }).toPromise()
          : kind === 'edit'
            ? await this.client.mutation<One>(Stream.EditMessageMutation, { id: item.messageId, content: item.content, expectedRev: item.expectedRev ?? 0 }).toPromise()
            : kind === 'delete'
              ? await this.client.mutation<One>(Stream.DeleteMessageMutation, { id: item.messageId }).toPromise()
              : await this.client.mutation<One>(kind === 'react' ? Stream.AddReactionMutation : Stream.RemoveReactionMutation, { messageId: item.messageId, emoji: item.emoji }).toPromise();
    if (result.error) {
      const code = errorCode(result.error);
      // A request the server refused as malformed (400: validation, complexity) fails the same way every time.
      const status = (result.error.response as { status?: number } | undefined)?.status;
      if (!result.error.networkError && (REFUSALS.has(code) || status === 400)) throw new SendRejected(code, code);
      throw result.error;
    }
    const data = Object.values((result.data ?? {}) as Record<string, unknown>)[0];
    if (!data) throw new Error(`${kind} returned nothing`);
    return stream ? streamToChatMessage(data as Stream.StreamMessage) : toChatMessage(data as Parameters<typeof toChatMessage>[0]);
  }

  async loadMembers(conversationId: string): Promise<Member[]> {
    type Data = { getConvo: { myRole: Role; associated: { items: ({ convoLinkUserId: string; role: Role; removedAt: string | null; user: { id: string; username: string } } | null)[] } } | null };
    const result = await this.client.query<Data>(Stream.MembersQuery, { id: conversationId }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error) throw result.error;
    return (result.data?.getConvo?.associated.items ?? [])
      .filter((l) => l != null && !l.removedAt)
      .map((l) => ({ userId: l!.user.id, username: l!.user.username, role: l!.role }));
  }

  /** Leave (oneself) or remove (an owner or admin removing someone). */
  async removeMember(conversationId: string, userId: string): Promise<void> {
    const leaving = userId === this.me?.id;
    const result = leaving
      ? await this.client.mutation(Stream.LeaveMutation, { conversationId }).toPromise()
      : await this.client.mutation(Stream.RemoveMemberMutation, { conversationId, userId }).toPromise();
    if (result.error) throw result.error;
    if (leaving) {
      this.closeStream(conversationId);
      this.dispatch({ type: 'convoRemoved', conversationId });
    } else {
      const convo = (result.data as { deleteConvoLink?: { conversation?: Stream.StreamConvo } } | undefined)?.deleteConvoLink?.conversation;
      if (convo) this.dispatch({ type: 'convo', convo: streamToConvo(convo) });
    }
  }

  async setRole(conversationId: string, userId: string, role: Role): Promise<void> {
    const result = await this.client.mutation(Stream.SetRoleMutation, { conversationId, userId, role }).toPromise();
    if (result.error) throw result.error;
  }

  async rename(conversationId: string, name: string): Promise<void> {
    const result = await this.client.mutation<{ updateConvo: Stream.StreamConvo | null }>(Stream.RenameMutation, { id: conversationId, name }).toPromise();
    if (result.error) throw result.error;
    if (result.data?.updateConvo) this.dispatch({ type: 'convo', convo: streamToConvo(result.data.updateConvo) });
  }

}
