// Typing indicators with the graphql-ws library's own client (graphql-transport-ws): the watcher subscribes to
// onTyping, the typist sends setTyping over its own socket — "not typing" (never throttled) until the watcher hears
// one, since the protocol has no "subscribed" acknowledgement — then starts typing twice and stops.
// usage: node typing-client.mjs <ws url> <watcher token> <typist token> <conversation id>
// prints: { start, again, stop, heard: [onTyping events after the probe], typistHeard: [the typist's own onTyping] }
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, watcherToken, typistToken, conversationId] = process.argv.slice(2);
const connect = (token) => createClient({ url, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}` }, retryAttempts: 0 });
const watcher = connect(watcherToken);
const typist = connect(typistToken);

const fields = 'conversationId user { id username } typing expiresAt';
const onTyping = `subscription($c: ID!) { onTyping(conversationId: $c) { ${fields} } }`;
const setTyping = `mutation($c: ID!, $t: Boolean!) { setTyping(conversationId: $c, typing: $t) { ${fields} } }`;

const run = (client, query, variables) => new Promise((resolve, reject) => {
  let result = null;
  client.subscribe({ query, variables }, {
    next: (value) => { result = value; },
    error: reject,
    complete: () => (result?.errors ? reject(new Error(JSON.stringify(result.errors))) : resolve(result.data)),
  });
});

const watch = (client, into) => {
  const failures = [];
  const stop = client.subscribe({ query: onTyping, variables: { c: conversationId } }, {
    next: (value) => (value.errors ? failures.push(value.errors) : into.push(value.data.onTyping)),
    error: (error) => failures.push(error),
    complete: () => {},
  });
  return { stop, failures };
};

const until = async (condition, what, ms = 15000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

const heard = [];
const typistHeard = [];
const watching = watch(watcher, heard);
const own = watch(typist, typistHeard);

const probeDeadline = Date.now() + 20000;
while (heard.length === 0) {
  if (Date.now() > probeDeadline) throw new Error('the watcher never heard a probe');
  await run(typist, setTyping, { c: conversationId, t: false });
  await new Promise((resolve) => setTimeout(resolve, 200));
}
await new Promise((resolve) => setTimeout(resolve, 300));
heard.length = 0;
typistHeard.length = 0;

const start = (await run(typist, setTyping, { c: conversationId, t: true })).setTyping;
const again = (await run(typist, setTyping, { c: conversationId, t: true })).setTyping;
await until(() => heard.length >= 1, 'the start');
const stop = (await run(typist, setTyping, { c: conversationId, t: false })).setTyping;
await until(() => heard.length >= 2, 'the stop');
await new Promise((resolve) => setTimeout(resolve, 300));

watching.stop();
own.stop();
if (watching.failures.length || own.failures.length) throw new Error(JSON.stringify([...watching.failures, ...own.failures]));
await watcher.dispose();
await typist.dispose();
console.log(JSON.stringify({ start, again, stop, heard, typistHeard }));
