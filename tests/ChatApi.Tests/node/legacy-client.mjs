// The subscriptions-transport-ws client (legacy "graphql-ws" subprotocol, Apollo's before graphql-ws).
// usage: node legacy-client.mjs <ws url> <http url> <bearer token> <JSON array of trigger tokens>
// Subscribes to onCreateUser, provisions trigger users until an event arrives, then runs { me } on the same socket.
// prints: { event, query }
import WebSocket from 'ws';
import pkg from 'subscriptions-transport-ws';
import { provisionUntil } from './trigger.mjs';

const { SubscriptionClient } = pkg;
const [url, httpUrl, token, triggers] = process.argv.slice(2);

const client = new SubscriptionClient(url, {
  reconnect: false,
  connectionParams: { Authorization: `Bearer ${token}` },
}, WebSocket);

let event = null;
let failure = null;
const subscription = client.request({ query: 'subscription { onCreateUser { id username } }' }).subscribe({
  next: (value) => { event ??= value; },
  error: (error) => { failure = error; },
});
await provisionUntil(httpUrl, JSON.parse(triggers), () => event !== null || failure !== null);
subscription.unsubscribe();
if (failure) throw new Error(JSON.stringify(failure));

const query = await new Promise((resolve, reject) => {
  let result = null;
  client.request({ query: '{ me { id username } }' }).subscribe({
    next: (value) => { result = value; },
    error: (error) => reject(new Error(JSON.stringify(error))),
    complete: () => resolve(result),
  });
});
client.close();
console.log(JSON.stringify({ event, query }));
