// The subscriptions-transport-ws client (legacy "graphql-ws" subprotocol, Apollo's before graphql-ws).
// usage: node legacy-client.mjs <ws url> <bearer token> <subscription> <query>
// prints: { events: [data payloads], query: result }
import WebSocket from 'ws';
import pkg from 'subscriptions-transport-ws';

const { SubscriptionClient } = pkg;
const [url, token, subscription, query] = process.argv.slice(2);

const client = new SubscriptionClient(url, {
  reconnect: false,
  connectionParams: { Authorization: `Bearer ${token}` },
  connectionCallback: (error) => { if (error) { console.error(JSON.stringify(error)); process.exit(3); } },
}, WebSocket);

const collect = (request) => new Promise((resolve, reject) => {
  const results = [];
  client.request(request).subscribe({
    next: (value) => results.push(value),
    error: (error) => reject(new Error(JSON.stringify(error))),
    complete: () => resolve(results),
  });
});

const [events, queryResults] = await Promise.all([collect({ query: subscription }), collect({ query })]);
client.close();
console.log(JSON.stringify({ events, query: queryResults[0] ?? null }));
