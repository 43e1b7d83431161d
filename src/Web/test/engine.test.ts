import { Client, fetchExchange } from 'urql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Connection } from '../src/api/connection';
import { ChatEngine } from '../src/chat/engine';
import { MemoryOutboxStorage } from '../src/logic/outbox';

/** A message's fields when it is neither edited, deleted, a reply, a mention nor reacted to. */
const plain = { editedAt: null, deletedAt: null, replyToId: null, replyTo: null, mentionsMe: false, reactions: [] };

/** A pretend API behind fetch: one conversation whose messages have gap-free seqs; createMessage is idempotent. */
function fakeApi() {
  const messages: { id: string; seq: number; content: string }[] = [];
  const requests: { operationName: string; variables: Record<string, unknown> }[] = [];
  const api = {
    down: false,
    /** How many of the next requests fail as if the network dropped them. */
    failNext: 0,
    messages,
    requests,
    post(content: string, id = `srv-${messages.length + 1}`) {
      const m = { id, seq: messages.length + 1, content };
      messages.push(m);
      return m;
    },
  };
  const wire = (m: { id: string; seq: number; content: string }) => ({
    __typename: 'Message',
    ...m,
    createdAt: '2026-11-20T10:00:00Z',
    messageConversationId: 'c1',
    authorId: 'u1',
    author: { __typename: 'User', id: 'u1', username: 'alice' },
    rev: m.seq + 1,
    ...plain,
  });
  const fetchFn = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    if (api.down) throw new TypeError('Failed to fetch');
    if (api.failNext > 0) {
      api.failNext--;
      throw new TypeError('Failed to fetch');
    }
    const body = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, any> };
    requests.push(body);
    const v = body.variables;
    let data: unknown;
    if (body.operationName === 'ConvoMessages') {
      let list = messages.filter((m) => v.afterSeq == null || m.seq > v.afterSeq);
      if (v.sortDirection === 'DESC') list = [...list].reverse();
      const offset = Number(v.nextToken ?? 0);
      const items = list.slice(offset, offset + v.limit);
      const nextToken = offset + v.limit < list.length ? String(offset + v.limit) : null;
      data = { getConvo: { __typename: 'Conversation', id: 'c1', messages: { __typename: 'ModelMessageConnection', items: items.map(wire), nextToken } } };
    } else if (body.operationName === 'SendMessage') {
      const existing = messages.find((m) => m.id === v.id);
      data = { createMessage: wire(existing ?? api.post(v.content, v.id)) };
    } else if (body.operationName === 'MyConvos') {
      data = { myConvos: { __typename: 'ModelConvoConnection', items: [], nextToken: null } };
    } else {
      throw new Error(`unexpected ${body.operationName}`);
    }
    return new Response(JSON.stringify({ data }), { headers: { 'Content-Type': 'application/json' } });
  });
  return { api, fetchFn };
}

function setup() {
  const { api, fetchFn } = fakeApi();
  vi.stubGlobal('fetch', fetchFn);
  const client = new Client({ url: '/graphql', preferGetMethod: false, exchanges: [fetchExchange] });
  const connection = new Connection();
  const engine = new ChatEngine(client, connection, 'u1', new MemoryOutboxStorage());
  return { api, engine, connection };
}

const seqs = (engine: ChatEngine) => engine.messagesOf('c1').messages.map((m) => m.seq);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ChatEngine', () => {
  it('after a reconnect, reads what was missed by afterSeq and replays the outbox in order, once', async () => {
    const { api, engine, connection } = setup();
    for (let i = 1; i <= 5; i++) api.post(`m${i}`);
    connection.connected();
    await engine.loadLatest('c1');
    expect(seqs(engine)).toEqual([1, 2, 3, 4, 5]);

    api.down = true;
    await engine.sendText('c1', 'queued one');
    await engine.sendText('c1', 'queued two');
    api.post('missed 6');
    api.post('missed 7');
    await vi.waitFor(() => expect(engine.outbox.snapshot().map((i) => i.state)).toEqual(['queued', 'queued']));

    api.down = false;
    connection.connected(); // the socket is back

    await vi.waitFor(() => expect(engine.outbox.snapshot()).toEqual([]));
    const catchUp = api.requests.find((r) => r.operationName === 'ConvoMessages' && r.variables.afterSeq != null);
    expect(catchUp?.variables.afterSeq).toBe(5);
    await vi.waitFor(() => expect(seqs(engine)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(api.messages.map((m) => m.content).slice(7)).toEqual(['queued one', 'queued two']);
  });

  it('reads the missing range when a live message skips seqs', async () => {
    const { api, engine } = setup();
    api.post('m1');
    api.post('m2');
    await engine.loadLatest('c1');
    api.post('m3');
    const m4 = api.post('m4');

    engine.receiveInbox({
      conversationId: 'c1',
      conversation: { id: 'c1', name: 'alice, bob', members: ['alice', 'bob'], lastSeq: 4, unreadCount: 1, unreadMentionCount: 0, lastActivityAt: null, lastRev: 5, direct: false, myRole: 'MEMBER', lastMessage: null },
      link: null,
      message: {
      id: m4.id,
      seq: 4,
      content: 'm4',
      createdAt: '2026-11-20T10:00:00Z',
      messageConversationId: 'c1',
      authorId: 'u1',
      author: { id: 'u1', username: 'alice' },
      rev: 5,
      ...plain,
      },
    });

    await vi.waitFor(() => expect(seqs(engine)).toEqual([1, 2, 3, 4]));
  });

  it('reads again when a catch-up is asked for while a failing one is still running', async () => {
    const { api, engine } = setup();
    api.post('m1');
    await engine.loadLatest('c1');
    api.post('m2');
    api.post('m3');

    api.failNext = 1;
    const first = engine.catchUp('c1'); // started while the network was still gone
    const second = engine.catchUp('c1'); // asked for after the reconnect
    await Promise.all([first, second]);

    expect(seqs(engine)).toEqual([1, 2, 3]);
  });

  it('reads the hole before a sent message when the server put others first', async () => {
    const { api, engine } = setup();
    api.post('m1');
    await engine.loadLatest('c1');
    api.post('from someone else while this client was offline');

    await engine.sendText('c1', 'mine');

    await vi.waitFor(() => expect(seqs(engine)).toEqual([1, 2, 3]));
  });
});
