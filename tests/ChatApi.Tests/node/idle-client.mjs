// The graphql-ws library's client with its defaults (keepAlive 0: it never pings on its own), holding one idle
// subscription for a while, to show that the server keeps the socket alive.
// usage: node idle-client.mjs <ws url> <bearer token> <milliseconds to stay idle>
// prints: { pingsReceived, pongsSent, closed }
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, idleMs] = process.argv.slice(2);
let pingsReceived = 0;
let pongsSent = 0;
let closed = null;
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${token}` },
  retryAttempts: 0,
  on: {
    ping: (received) => { if (received) pingsReceived++; },
    pong: (received) => { if (!received) pongsSent++; },
    closed: (event) => { closed = event?.code ?? 'closed'; },
  },
});
const unsubscribe = client.subscribe({ query: 'subscription { onCreateUser { id } }' }, {
  next: () => {},
  error: (error) => { closed ??= `error: ${JSON.stringify(error?.reason ?? error)}`; },
  complete: () => {},
});
await new Promise((resolve) => setTimeout(resolve, Number(idleMs)));
const result = { pingsReceived, pongsSent, closed };
unsubscribe();
await client.dispose();
console.log(JSON.stringify(result));
