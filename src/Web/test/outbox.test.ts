import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IdbOutboxStorage } from '../src/logic/idbOutboxStorage';
import { MemoryOutboxStorage, Outbox, SendRejected, type OutboxItem } from '../src/logic/outbox';

let ids = 0;
const newId = () => `id-${++ids}`;

function network() {
  let online = true;
  const delivered: OutboxItem[] = [];
  const attempts: string[] = [];
  return {
    delivered,
    attempts,
    setOnline: (value: boolean) => (online = value),
    send: async (item: OutboxItem) => {
      attempts.push(item.id);
      if (!online) throw new TypeError('Failed to fetch');
      if (item.content === 'forbidden') throw new SendRejected('Not a member', 'FORBIDDEN');
      // The server is idempotent on id: a repeat returns the stored message and stores nothing.
      if (!delivered.some((d) => d.id === item.id)) delivered.push(item);
      return { id: item.id };
    },
  };
}

describe('Outbox', () => {
  it('keeps messages queued while offline and sends them in order when back', async () => {
    const net = network();
    const outbox = new Outbox({ storage: new MemoryOutboxStorage(), send: net.send, newId });
    net.setOnline(false);
    await outbox.enqueue('c1', 'one');
    await outbox.enqueue('c1', 'two');
    await outbox.enqueue('c2', 'three');

    expect(await outbox.flush()).toBe('blocked');
    expect(outbox.snapshot().map((i) => [i.content, i.state])).toEqual([
      ['one', 'queued'],
      ['two', 'queued'],
      ['three', 'queued'],
    ]);

    net.setOnline(true);
    expect(await outbox.flush()).toBe('drained');
    expect(net.delivered.map((d) => d.content)).toEqual(['one', 'two', 'three']);
    expect(outbox.snapshot()).toEqual([]);
  });

  it('survives a reload: a new outbox over the same IndexedDB replays what was left, in order', async () => {
    const net = network();
    net.setOnline(false);
    const storage = new IdbOutboxStorage(indexedDB, 'reload-test');
    const before = new Outbox({ storage, send: net.send, newId });
    await before.enqueue('c1', 'first');
    await before.enqueue('c1', 'second');
    await before.flush();
    storage.close();

    net.setOnline(true);
    const after = new Outbox({ storage: new IdbOutboxStorage(indexedDB, 'reload-test'), send: net.send, newId });
    await after.load();
    expect(after.snapshot().map((i) => i.content)).toEqual(['first', 'second']);
    await after.flush();
    expect(net.delivered.map((d) => d.content)).toEqual(['first', 'second']);
    await after.load();
    expect(after.snapshot()).toEqual([]);
  });

  it('resends an item caught mid-send with the same id, which the server does not duplicate', async () => {
    const net = network();
    const storage = new MemoryOutboxStorage();
    const crashed = new Outbox({ storage, send: net.send, newId });
    const item = await crashed.enqueue('c1', 'hello');
    await storage.put({ ...item, state: 'sending' });
    net.delivered.push(item); // the server got it, but the page closed before the answer

    const reloaded = new Outbox({ storage, send: net.send, newId });
    await reloaded.load();
    expect(reloaded.snapshot()[0]!.state).toBe('queued');
    await reloaded.flush();
    expect(net.attempts).toEqual([item.id]);
    expect(net.delivered).toHaveLength(1);
    expect(reloaded.snapshot()).toEqual([]);
  });

  it('marks a refused message failed with the reason, sends the rest, and retries it on demand', async () => {
    const net = network();
    const sent: string[] = [];
    const outbox = new Outbox({
      storage: new MemoryOutboxStorage(),
      send: net.send,
      newId,
      onSent: (item) => sent.push(item.content),
    });
    const bad = await outbox.enqueue('c1', 'forbidden');
    await outbox.enqueue('c1', 'fine');
    await outbox.flush();

    expect(sent).toEqual(['fine']);
    expect(outbox.snapshot()).toEqual([expect.objectContaining({ id: bad.id, state: 'failed', error: 'Not a member' })]);

    await outbox.retry(bad.id);
    expect(net.attempts.filter((id) => id === bad.id)).toHaveLength(2);
    await outbox.discard(bad.id);
    expect(outbox.snapshot()).toEqual([]);
  });

  it('runs one flush at a time, so concurrent triggers never send an item twice', async () => {
    const net = network();
    const outbox = new Outbox({ storage: new MemoryOutboxStorage(), send: net.send, newId });
    await outbox.enqueue('c1', 'a');
    await outbox.enqueue('c1', 'b');
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    expect(net.attempts).toHaveLength(2);
    expect(net.delivered.map((d) => d.content)).toEqual(['a', 'b']);
  });

  it('persists before it shows, so a visible message is always in storage', async () => {
    const storage = new MemoryOutboxStorage();
    const outbox = new Outbox({ storage, send: network().send, newId });
    outbox.subscribe(() => {
      void storage.load().then((stored) => {
        for (const item of outbox.snapshot()) expect(stored.map((s) => s.id)).toContain(item.id);
      });
    });
    await outbox.enqueue('c1', 'x');
  });

  it('replays edits, deletes and reactions made offline in the order they were made, after a reload', async () => {
    const net = network();
    const storage = new IdbOutboxStorage(indexedDB, `mixed-${Date.now()}`);
    const first = new Outbox({ storage, send: net.send, newId });
    net.setOnline(false);
    const sent = await first.enqueue('c1', 'hello');
    await first.enqueueChange({ kind: 'edit', conversationId: 'c1', messageId: sent.id, content: 'hello there', expectedRev: 3 });
    await first.enqueueChange({ kind: 'react', conversationId: 'c1', messageId: 'm-other', emoji: '👍' });
    await first.enqueueChange({ kind: 'delete', conversationId: 'c1', messageId: 'm-old' });
    expect(await first.flush()).toBe('blocked');

    const reloaded = new Outbox({ storage, send: net.send, newId });
    await reloaded.load();
    net.setOnline(true);
    expect(await reloaded.flush()).toBe('drained');
    expect(net.delivered.map((i) => [i.kind, i.messageId ?? null, i.content, i.emoji ?? null, i.expectedRev ?? null])).toEqual([
      ['send', null, 'hello', null, null],
      ['edit', sent.id, 'hello there', null, 3],
      ['react', 'm-other', '', '👍', null],
      ['delete', 'm-old', '', null, null],
    ]);
    expect(reloaded.snapshot()).toEqual([]);
  });
});
