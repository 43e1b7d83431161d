// The graphql-ws library's own client (graphql-transport-ws) against a running ChatApi.
// usage: node graphql-ws-client.mjs <ws url> <bearer token> <payload|header> <subscription> <query>
// Subscribes with <subscription> until it completes and, on the same socket, runs <query>.
// prints: { events: [next payloads], query: result, closeCode }
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, token, mode, subscription, query] = process.argv.slice(2);
const authorization = `Bearer ${token}`;

// Browsers cannot set headers on an upgrade, so they send the token in connection_init; other clients may use the header.
class HeaderWebSocket extends WebSocket {
  constructor(address, protocols) {
    super(address, protocols, { headers: { Authorization: authorization } });
  }
}

let closeCode = null;
const client = createClient({
  url,
  webSocketImpl: mode === 'header' ? HeaderWebSocket : WebSocket,
  connectionParams: mode === 'header' ? undefined : { Authorization: authorization },
  retryAttempts: 0,
  lazy: true,
  on: { closed: (event) => { closeCode = event.code; } },
});

const collect = (payload) => new Promise((resolve, reject) => {
  const results = [];
  client.subscribe(payload, {
    next: (value) => results.push(value),
    error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error?.reason ?? error))),
    complete: () => resolve(results),
  });
});

const [events, queryResults] = await Promise.all([collect({ query: subscription }), collect({ query })]);
await client.dispose();
console.log(JSON.stringify({ events, query: queryResults[0] ?? null, closeCode }));
