// A stand-in for the Gateway + ChatApi, for developing and browser-testing the web client alone:
// serves dist/, fakes the cookie session (/auth/login shows a username/password form like the built-in identity
// provider; any password works), and answers /graphql over HTTP and graphql-transport-ws from schema.graphql
// with an in-memory store that follows the API's rules (idempotent createMessage, gap-free seq, onInbox).
// Not a test of the server: the real API's behaviour is tested in tests/ChatApi.Tests.
//
// Usage: node dev/fake-gateway.mjs [port]   (default 5080)
//
// Proxy mode — the real ChatApi instead of the in-memory one: set CHATT_API (e.g. http://127.0.0.1:5100) and
// CHATT_DEV_KEY (the base64 value of the API's Authentication:Schemes:Bearer:SigningKeys:0, issuer chatt-dev,
// audience chatt-api). /graphql (HTTP and WebSocket) is then forwarded with a bearer token minted per session,
// as the real Gateway forwards its session's access token.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createHmac, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphQLError, buildSchema, graphql } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const port = Number(process.argv[2] ?? process.env.PORT ?? 5080);
const api = process.env.CHATT_API ? new URL(process.env.CHATT_API) : null;
const devKey = process.env.CHATT_DEV_KEY ? Buffer.from(process.env.CHATT_DEV_KEY, 'base64') : null;
if (api && !devKey) throw new Error('CHATT_API needs CHATT_DEV_KEY');
const schema = buildSchema(await readFile(join(root, 'schema.graphql'), 'utf8'));

// --- store -------------------------------------------------------------------------------------------------
const users = new Map(); // id -> { id, username }
const convos = new Map(); // id -> { id, name, members: string[] (user ids), createdAt, messages: [], read: Map }
const listeners = new Map(); // userId -> Set<(event) => void>
const now = () => new Date().toISOString();
const fail = (code, message) => new GraphQLError(message, { extensions: { code } });

function userFor(name) {
  for (const u of users.values()) if (u.signInName.toLowerCase() === name.toLowerCase()) return u;
  const u = { id: randomUUID(), username: name.startsWith('noname') ? `user-${randomUUID().slice(0, 8)}` : name, signInName: name, createdAt: now() };
  users.set(u.id, u);
  return u;
}
for (const name of ['alice', 'bob', 'carol', 'dave']) userFor(name);

function publish(userIds, event) {
  for (const id of userIds) for (const l of listeners.get(id) ?? []) l(event);
}

function page(list, { limit, nextToken }) {
  const offset = Number(nextToken ?? 0);
  const size = Math.max(1, Math.min(limit ?? 100, 1000));
  const items = list.slice(offset, offset + size);
  return { items, nextToken: offset + size < list.length ? String(offset + size) : null };
}

// --- views: objects whose methods graphql-js's default resolver calls with (args, context) ---------------
const userView = (u) => u && { id: u.id, username: u.username, createdAt: u.createdAt, updatedAt: u.createdAt };
const messageView = (m) =>
  m && {
    id: m.id,
    seq: m.seq,
    content: m.content,
    createdAt: m.createdAt,
    updatedAt: m.createdAt,
    clientCreatedAt: m.clientCreatedAt,
    authorId: m.authorId,
    messageConversationId: m.convoId,
    author: () => userView(users.get(m.authorId)),
    conversation: (_a, ctx) => convoView(convos.get(m.convoId), ctx.userId),
  };
function convoView(c, callerId) {
  if (!c) return null;
  const last = c.messages.at(-1);
  return {
    id: c.id,
    name: c.name,
    members: c.members.map((id) => users.get(id).username),
    createdAt: c.createdAt,
    updatedAt: c.createdAt,
    lastSeq: last?.seq ?? 0,
    lastActivityAt: last?.createdAt ?? c.createdAt,
    lastMessage: () => messageView(last),
    unreadCount: () => {
      const mark = c.read.get(callerId) ?? 0;
      return c.messages.filter((m) => m.seq > mark && m.authorId !== callerId).length;
    },
    messages: (args) => {
      let list = c.messages.filter((m) => args.afterSeq == null || m.seq > args.afterSeq);
      if (args.sortDirection === 'DESC') list = [...list].reverse();
      const p = page(list, args);
      return { items: p.items.map(messageView), nextToken: p.nextToken };
    },
  };
}
function member(c, userId) {
  if (!c) throw fail('NOT_FOUND', 'Conversation not found.');
  if (!c.members.includes(userId)) throw fail('FORBIDDEN', 'Not a member of this conversation.');
  return c;
}
function activity(c) {
  return c.messages.at(-1)?.createdAt ?? c.createdAt;
}

const rootValue = {
  me: (_a, ctx) => userView(users.get(ctx.userId)),
  getUser: ({ id }) => userView(users.get(id)),
  listUsers: ({ filter, limit, nextToken }) => {
    const prefix = filter?.username?.beginsWith?.toLowerCase() ?? '';
    const list = [...users.values()].filter((u) => u.username.toLowerCase().startsWith(prefix)).sort((a, b) => a.username.localeCompare(b.username));
    const p = page(list, { limit, nextToken });
    return { items: p.items.map(userView), nextToken: p.nextToken };
  },
  getConvo: ({ id }, ctx) => convoView(member(convos.get(id), ctx.userId), ctx.userId),
  myConvos: ({ limit, nextToken }, ctx) => {
    const list = [...convos.values()].filter((c) => c.members.includes(ctx.userId)).sort((a, b) => activity(b).localeCompare(activity(a)));
    const p = page(list, { limit, nextToken });
    return { items: p.items.map((c) => convoView(c, ctx.userId)), nextToken: p.nextToken };
  },
  createUser: ({ input }, ctx) => {
    const name = input.username.trim();
    if (!/^[\p{L}\p{N}._\-@+]{1,32}$/u.test(name)) throw fail('BAD_USER_INPUT', "'username' is not valid.");
    for (const u of users.values()) if (u.id !== ctx.userId && u.username.toLowerCase() === name.toLowerCase()) throw fail('USERNAME_TAKEN', 'Taken.');
    users.get(ctx.userId).username = name;
    return userView(users.get(ctx.userId));
  },
  createConvo: ({ input }, ctx) => {
    if (input.id && convos.has(input.id)) return convoView(member(convos.get(input.id), ctx.userId), ctx.userId);
    const ids = new Set([ctx.userId]);
    for (const name of input.members) {
      const u = [...users.values()].find((x) => x.username.toLowerCase() === name.toLowerCase());
      if (!u) throw fail('BAD_USER_INPUT', `No user '${name}'.`);
      ids.add(u.id);
    }
    const c = { id: input.id ?? randomUUID(), name: input.name, members: [...ids], createdAt: now(), messages: [], read: new Map() };
    convos.set(c.id, c);
    for (const id of c.members) publish([id], { userId: id, conversationId: c.id, link: { id: `${c.id}:${id}` } });
    return convoView(c, ctx.userId);
  },
  createConvoLink: ({ input }, ctx) => {
    const c = member(convos.get(input.convoLinkConversationId), ctx.userId);
    const userId = input.convoLinkUserId ?? ctx.userId;
    if (!users.has(userId)) throw fail('NOT_FOUND', 'User not found.');
    if (!c.members.includes(userId)) {
      c.members.push(userId);
      publish([userId], { userId, conversationId: c.id, link: { id: `${c.id}:${userId}` } });
    }
    return { id: `${c.id}:${userId}`, convoLinkUserId: userId, convoLinkConversationId: c.id, user: userView(users.get(userId)), conversation: convoView(c, ctx.userId) };
  },
  createMessage: ({ input }, ctx) => {
    const c = member(convos.get(input.messageConversationId), ctx.userId);
    const existing = input.id && c.messages.find((m) => m.id === input.id);
    if (existing) return messageView(existing);
    if (!input.content.trim()) throw fail('BAD_USER_INPUT', "'content' must not be empty.");
    const m = { id: input.id ?? randomUUID(), seq: c.messages.length + 1, content: input.content, createdAt: now(), clientCreatedAt: input.createdAt ?? null, authorId: ctx.userId, convoId: c.id };
    c.messages.push(m);
    for (const id of c.members) publish([id], { userId: id, conversationId: c.id, message: m });
    return messageView(m);
  },
  markRead: ({ conversationId, seq }, ctx) => {
    const c = member(convos.get(conversationId), ctx.userId);
    c.read.set(ctx.userId, Math.max(c.read.get(ctx.userId) ?? 0, Math.min(seq, c.messages.length)));
    return convoView(c, ctx.userId);
  },
  onInbox: (_a, ctx) => inbox(ctx.userId),
};

// An async iterator of one user's inbox events, each shaped as the subscription's root value.
function inbox(userId) {
  const queue = [];
  let wake = null;
  const listener = (e) => {
    queue.push({ onInbox: { conversationId: e.conversationId, conversation: convoView(convos.get(e.conversationId), userId), message: messageView(e.message), link: e.link ?? null } });
    wake?.();
  };
  if (!listeners.has(userId)) listeners.set(userId, new Set());
  listeners.get(userId).add(listener);
  const stop = () => listeners.get(userId).delete(listener);
  return {
    [Symbol.asyncIterator]() { return this; },
    async next() {
      while (queue.length === 0) await new Promise((r) => (wake = r));
      return { value: queue.shift(), done: false };
    },
    async return() { stop(); wake?.(); return { value: undefined, done: true }; },
  };
}

// --- HTTP ------------------------------------------------------------------------------------------------
function sessionOf(req) {
  const match = /(?:^|;\s*)fake_session=([^;]+)/.exec(req.headers.cookie ?? '');
  return match ? users.get(decodeURIComponent(match[1])) ?? null : null;
}
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };
const loginForm = (returnUrl) => `<!doctype html><meta name=viewport content="width=device-width"><title>Sign in</title>
<form method=post action="/auth/login">
<h1>Fake sign-in</h1><input type=hidden name=returnUrl value="${returnUrl.replace(/"/g, '&quot;')}">
<label>Username <input name=username autofocus></label><label>Password <input name=password type=password></label>
<button type=submit>Sign in</button></form>`;
async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  // The Gateway's policy, so a build that needs inline script or style fails here as it would there.
  res.setHeader('Content-Security-Policy', `default-src 'self'; connect-src 'self' ws://${req.headers.host}; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'`);
  const user = sessionOf(req);
  try {
    if (url.pathname === '/auth/me') {
      if (!user) return res.writeHead(401).end();
      // A sign-in name starting with "noname" plays a provider that gives no name (the app then asks for one).
      const name = user.signInName.startsWith('noname') ? null : user.username;
      return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ name, sub: user.id }));
    }
    if (url.pathname === '/auth/login' && req.method === 'GET') {
      return res.writeHead(200, { 'Content-Type': 'text/html' }).end(loginForm(url.searchParams.get('returnUrl') ?? '/'));
    }
    if (url.pathname === '/auth/login' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      const u = userFor(form.get('username') || 'anonymous');
      const back = form.get('returnUrl')?.startsWith('/') ? form.get('returnUrl') : '/';
      return res.writeHead(302, { Location: back, 'Set-Cookie': `fake_session=${encodeURIComponent(u.id)}; Path=/; HttpOnly; SameSite=Lax` }).end();
    }
    if (url.pathname === '/auth/logout') {
      if (req.method !== 'POST' || req.headers['x-csrf'] !== '1') return res.writeHead(400).end();
      return res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'fake_session=; Path=/; Max-Age=0' }).end('{"endSessionUrl":null}');
    }
    if (url.pathname === '/graphql') {
      if (req.headers['x-csrf'] !== '1') return res.writeHead(400).end('X-CSRF header required');
      if (!user) return res.writeHead(401).end();
      if (api) return proxyHttp(req, res, user);
      const { query, variables, operationName } = JSON.parse(await body(req));
      const result = await graphql({ schema, source: query, variableValues: variables, operationName, rootValue, contextValue: { userId: user.id } });
      return res.writeHead(200, { 'Content-Type': 'application/graphql-response+json' }).end(JSON.stringify(result));
    }
    const path = normalize(join(dist, url.pathname === '/' ? 'index.html' : url.pathname));
    const file = path.startsWith(dist) ? await readFile(path).catch(() => null) : null;
    if (file) return res.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' }).end(file);
    return res.writeHead(200, { 'Content-Type': types['.html'] }).end(await readFile(join(dist, 'index.html')));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});

const wss = new WebSocketServer({ noServer: true });
useServer(
  {
    schema,
    roots: { subscription: rootValue },
    context: (ctx) => ({ userId: ctx.extra.request.fakeUser.id }),
  },
  wss,
);
server.on('upgrade', (req, socket, head) => {
  const user = sessionOf(req);
  if (new URL(req.url, 'http://localhost').pathname !== '/graphql' || !user) return socket.destroy();
  if (api) return proxyUpgrade(req, socket, head, user);
  req.fakeUser = user;
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

// --- proxy mode ------------------------------------------------------------------------------------------
const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
function mintToken(user) {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const claims = { sub: `dev|${user.signInName}`, iss: 'chatt-dev', aud: 'chatt-api', iat: nowSeconds, nbf: nowSeconds, exp: nowSeconds + 3600 };
  if (!user.signInName.startsWith('noname')) claims.preferred_username = user.signInName;
  const unsigned = `${b64url({ alg: 'HS256', typ: 'JWT', kid: 'dev1' })}.${b64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', devKey).update(unsigned).digest('base64url')}`;
}
function forwardHeaders(req, user) {
  const headers = { ...req.headers, host: api.host, authorization: `Bearer ${mintToken(user)}` };
  delete headers.cookie;
  return headers;
}
function proxyHttp(req, res, user) {
  const upstream = httpRequest({ host: api.hostname, port: api.port, path: req.url, method: req.method, headers: forwardHeaders(req, user) }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  upstream.on('error', (e) => res.writeHead(502).end(String(e)));
  req.pipe(upstream);
}
function proxyUpgrade(req, socket, head, user) {
  const upstream = httpRequest({ host: api.hostname, port: api.port, path: req.url, method: 'GET', headers: forwardHeaders(req, user) });
  upstream.on('upgrade', (up, upSocket, upHead) => {
    const lines = [`HTTP/1.1 101 Switching Protocols`, ...Object.entries(up.headers).map(([k, v]) => `${k}: ${v}`)];
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    if (upHead?.length) socket.write(upHead);
    if (head?.length) upSocket.write(head);
    upSocket.pipe(socket).pipe(upSocket);
    const end = () => { socket.destroy(); upSocket.destroy(); };
    upSocket.on('error', end).on('close', end);
    socket.on('error', end).on('close', end);
  });
  upstream.on('response', (up) => { socket.end(`HTTP/1.1 ${up.statusCode} ${up.statusMessage}\r\n\r\n`); });
  upstream.on('error', () => socket.destroy());
  upstream.end();
}

server.listen(port, '127.0.0.1', () => console.log(`fake gateway on http://127.0.0.1:${port}${api ? ` → ChatApi ${api.origin}` : ''}`));
