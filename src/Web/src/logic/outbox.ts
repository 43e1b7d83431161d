/**
 * The outbox: every message a person sends is written here first (persisted, so a reload or a crash keeps it),
 * shown at once, and sent in the order it was written. The id is made on the client and the server's
 * createMessage is idempotent on it, so sending an item twice — a lost answer, a replay after reconnect,
 * two tabs — never makes two messages.
 *
 * Two kinds of failure: the network (no answer, offline, 5xx) leaves the item queued and stops the run so order
 * is kept; the server refusing it (a GraphQL error such as BAD_USER_INPUT or FORBIDDEN) marks it failed, shows a
 * retry control and lets the rest go on — one bad message must not hold the others back forever.
 */
export type OutboxState = 'queued' | 'sending' | 'failed';

/**
 * What an item asks of the server. Sends, edits, deletes and reactions share one queue, so they replay in the order
 * the person made them (an edit never overtakes the send it edits); each is safe to repeat on the server's side
 * (client-made message id, expected rev, idempotent delete, reaction set semantics).
 */
export type OutboxKind = 'send' | 'edit' | 'delete' | 'react' | 'unreact';

export interface OutboxItem {
  readonly id: string;
  /** Absent on items queued before edits existed: a send. */
  readonly kind?: OutboxKind;
  readonly conversationId: string;
  /** The message an edit, delete or reaction is about. */
  readonly messageId?: string;
  /** An edit's base: the message's rev when the person started editing (a stale one is CONFLICT). */
  readonly expectedRev?: number;
  readonly emoji?: string;
  /** A reply's original. */
  readonly replyToId?: string;
  readonly content: string;
  /** When the person pressed send (ISO 8601); sent as the message's createdAt. */
  readonly createdAt: string;
  /** Position in the send order; increasing across reloads. */
  readonly order: number;
  readonly state: OutboxState;
  readonly error?: string;
}

/** Where the outbox survives a reload (IndexedDB in the browser, memory in tests). */
export interface OutboxStorage {
  load(): Promise<OutboxItem[]>;
  put(item: OutboxItem): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The server refused the message; sending it again unchanged would fail the same way. */
export class SendRejected extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = 'SendRejected';
  }
}

export type Sender<TSent> = (item: OutboxItem) => Promise<TSent>;

export interface OutboxOptions<TSent> {
  readonly storage: OutboxStorage;
  readonly send: Sender<TSent>;
  /** Told about each item the server accepted, with the server's answer, before it leaves the outbox. */
  readonly onSent?: (item: OutboxItem, sent: TSent) => void;
  readonly newId?: () => string;
  readonly now?: () => Date;
}

/** What a flush ended with: everything sendable went, or the network stopped it (call flush again later). */
export type FlushResult = 'drained' | 'blocked';

export class Outbox<TSent> {
  private items: OutboxItem[] = [];
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<FlushResult> | null = null;
  private flushAgain = false;
  private lastOrder = 0;

  constructor(private readonly options: OutboxOptions<TSent>) {}

  /** Loads what a previous page left. An item caught mid-send is queued again: the id makes its resend harmless. */
  async load(): Promise<void> {
    const stored = await this.options.storage.load();
    const loaded = stored
      .map((item) => (item.state === 'sending' ? { ...item, state: 'queued' as const } : item))
      .sort((a, b) => a.order - b.order);
    // Items enqueued before load finished stay, after the stored ones.
    const loadedIds = new Set(loaded.map((i) => i.id));
    this.items = [...loaded, ...this.items.filter((i) => !loadedIds.has(i.id))];
    this.lastOrder = Math.max(this.lastOrder, ...this.items.map((i) => i.order), 0);
    this.emit();
  }

  snapshot(): readonly OutboxItem[] {
    return this.items;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes the message to storage first; only then is it shown and sent, so nothing visible can be lost. */
  enqueue(conversationId: string, content: string, replyToId?: string): Promise<OutboxItem> {
    return this.enqueueChange({ kind: 'send', conversationId, content, replyToId });
  }

  /** Queues an edit, delete or reaction behind everything queued before it. */
  async enqueueChange(change: {
    kind: OutboxKind;
    conversationId: string;
    content?: string;
    messageId?: string;
    expectedRev?: number;
    emoji?: string;
    replyToId?: string;
  }): Promise<OutboxItem> {
    const now = (this.options.now ?? (() => new Date()))();
    // Date-based so order keeps increasing across reloads; +1 keeps it strict within one millisecond.
    const order = Math.max(now.getTime(), this.lastOrder + 1);
    this.lastOrder = order;
    const { kind, conversationId, content = '', ...about } = change;
    const item: OutboxItem = {
      id: (this.options.newId ?? (() => crypto.randomUUID()))(),
      kind,
      conversationId,
      content,
      ...Object.fromEntries(Object.entries(about).filter(([, v]) => v !== undefined)),
      createdAt: now.toISOString(),
      order,
      state: 'queued',
    };
    await this.options.storage.put(item);
    this.items = [...this.items, item];
    this.emit();
    return item;
  }

  /** Sends queued items one at a time in order. Concurrent calls share one run (and trigger one more pass). */
  flush(): Promise<FlushResult> {
    if (this.flushing) {
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      try {
        let result: FlushResult;
        do {
          this.flushAgain = false;
          result = await this.runOnce();
        } while (this.flushAgain && result === 'drained');
        return result;
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  /** Puts a failed item back in the queue (keeping its place and id) and sends. */
  async retry(id: string): Promise<FlushResult> {
    const item = this.items.find((i) => i.id === id);
    if (item && item.state === 'failed') {
      await this.replace({ ...item, state: 'queued', error: undefined });
    }
    return this.flush();
  }

  async discard(id: string): Promise<void> {
    await this.options.storage.remove(id);
    this.items = this.items.filter((i) => i.id !== id);
    this.emit();
  }

  private async runOnce(): Promise<FlushResult> {
    for (;;) {
      const next = this.items.find((i) => i.state === 'queued');
      if (!next) return 'drained';

      await this.replace({ ...next, state: 'sending' });
      let sent: TSent;
      try {
        sent = await this.options.send(next);
      } catch (error) {
        if (error instanceof SendRejected) {
          await this.replace({ ...next, state: 'failed', error: error.message });
          continue;
        }
        await this.replace({ ...next, state: 'queued' });
        return 'blocked';
      }
      this.options.onSent?.(next, sent);
      await this.discard(next.id);
    }
  }

  private async replace(item: OutboxItem): Promise<void> {
    await this.options.storage.put(item);
    this.items = this.items.map((i) => (i.id === item.id ? item : i));
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Keeps the outbox in memory only (tests, and browsers where IndexedDB is unavailable, e.g. some private modes). */
export class MemoryOutboxStorage implements OutboxStorage {
  private readonly items = new Map<string, OutboxItem>();
  async load(): Promise<OutboxItem[]> {
    return [...this.items.values()];
  }
  async put(item: OutboxItem): Promise<void> {
    this.items.set(item.id, item);
  }
  async remove(id: string): Promise<void> {
    this.items.delete(id);
  }
}
