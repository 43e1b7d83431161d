// The graphql-ws library's own client (graphql-transport-ws) against a running ChatApi.
// usage: node graphql-ws-client.mjs <ws url> <http url> <bearer token> <payload|header> <JSON array of trigger tokens>
// Subscribes to onCreateUser, provisions trigger users until an event arrives, then runs { me } on the same socket.
// prints: { event, query }
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { provisionUntil } from './trigger.mjs';

const [url, httpUrl, token, mode, triggers] = process.argv.slice(2);
const authorization = `Bearer ${token}`;

// Browsers cannot set headers on an upgrade, so they send the token in connection_init; other clients may use the header.
class HeaderWebSocket extends WebSocket {
  constructor(address, protocols) {
    super(address, protocols, { headers: { Authorization: authorization } });
  }
}

const client = createClient({
  url,
  webSocketImpl: mode === 'header' ? HeaderWebSocket : WebSocket,
  connectionParams: mode === 'header' ? undefined : { Authorization: authorization },
  retryAttempts: 0,
});

let event = null;
let failure = null;
const unsubscribe = client.subscribe({ query: 'subscription { onCreateUser { id username } }' }, {
  next: (value) => { event ??= value; },
  error: (error) => { failure = error; },
  complete: () => {},
});
await provisionUntil(httpUrl, JSON.parse(triggers), () => event !== null || failure !== null);
unsubscribe();
if (failure) throw new Error(JSON.stringify(failure?.reason ?? failure));

const query = await new Promise((resolve, reject) => {
  let result = null;
  client.subscribe({ query: '{ me { id username } }' }, {
    next: (value) => { result = value; },
    error: reject,
    complete: () => resolve(result),
  });
});
await client.dispose();
console.log(JSON.stringify({ event, query }));
