// onConversationEvent and onInbox(kinds) through a real npm client: graphql-ws (graphql-transport-ws) or
// subscriptions-transport-ws (the legacy "graphql-ws" subprotocol).
// usage: node change-stream.mjs <graphql-ws|legacy> <ws url> <http url> <owner token> <member token> <conversation id>
// The member subscribes; the owner posts probes over HTTP until the first event arrives (there is no "subscribed"
// acknowledgement), then edits, reacts and renames. The member goes away, the owner deletes the message, and the member
// resubscribes with afterRev: the replay must bring the deletion.
// prints: { live: [event...], inbox: [event...], replay: [event...] }
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import pkg from 'subscriptions-transport-ws';

const { SubscriptionClient } = pkg;
const [protocol, url, httpUrl, ownerToken, memberToken, convoId] = process.argv.slice(2);

const http = async (query, variables) => {
  const response = await fetch(httpUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};

// One client API over both libraries: subscribe(query, variables, onNext) → unsubscribe.
const connect = () => {
  if (protocol === 'legacy') {
    const client = new SubscriptionClient(url, { reconnect: false, connectionParams: { Authorization: `Bearer ${memberToken}` } }, WebSocket);
    return {
      subscribe: (query, variables, next) => {
        const subscription = client.request({ query, variables }).subscribe({ next, error: (e) => console.error(JSON.stringify(e)) });
        return () => subscription.unsubscribe();
      },
      close: async () => client.close(),
    };
  }
  const client = createClient({ url, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${memberToken}` }, retryAttempts: 0 });
  return {
    subscribe: (query, variables, next) => client.subscribe({ query, variables }, { next, error: (e) => console.error(JSON.stringify(e)), complete: () => {} }),
    close: () => client.dispose(),
  };
};

const until = async (condition, what, act) => {
  const deadline = Date.now() + 15000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    if (act) await act();
    await new Promise((resolve) => setTimeout(resolve, act ? 300 : 20));
  }
};

const events = 'onConversationEvent(conversationId: $c, afterRev: $after) { kind rev prevRev emoji message { id content deletedAt reactions { emoji count me } } conversation { name myRole } }';
const eventQuery = `subscription($c: ID!, $after: Int) { ${events} }`;
const inboxQuery = 'subscription { onInbox(kinds: [MESSAGE_CREATED, MESSAGE_EDITED, CONVERSATION_UPDATED]) { kind rev conversationId message { content } conversation { unreadCount } } }';

let client = connect();
const live = [];
const inbox = [];
const stopLive = client.subscribe(eventQuery, { c: convoId }, (value) => live.push(value));
const stopInbox = client.subscribe(inboxQuery, undefined, (value) => inbox.push(value));
const post = 'mutation($c: ID!, $t: String!) { createMessage(input: { messageConversationId: $c, content: $t }) { id rev } }';
await until(() => live.length > 0 && inbox.length > 0, 'the first live event', () => http(post, { c: convoId, t: 'probe' }));
await new Promise((resolve) => setTimeout(resolve, 300));
live.length = 0;
inbox.length = 0;

const posted = (await http(post, { c: convoId, t: 'hello' })).createMessage;
await http('mutation($id: ID!, $rev: Int!) { updateMessage(input: { id: $id, content: "hello, edited", expectedRev: $rev }) { rev } }', { id: posted.id, rev: posted.rev });
await http('mutation($id: ID!) { addReaction(input: { messageId: $id, emoji: "👍" }) { rev } }', { id: posted.id });
await http('mutation($c: ID!) { updateConvo(input: { id: $c, name: "renamed live" }) { lastRev } }', { c: convoId });
await until(() => live.length >= 4 && inbox.length >= 3, 'the four changes');
stopLive();
stopInbox();
await client.close();

const seen = live.at(-1).data.onConversationEvent.rev;
await http('mutation($id: ID!) { deleteMessage(input: { id: $id }) { rev } }', { id: posted.id });
const lastRev = (await http('query($c: ID!) { getConvo(id: $c) { lastRev } }', { c: convoId })).getConvo.lastRev;

client = connect();
const replay = [];
const stopReplay = client.subscribe(eventQuery, { c: convoId, after: seen }, (value) => replay.push(value));
await until(() => replay.length > 0 && replay.at(-1).data.onConversationEvent.rev >= lastRev, 'the replay');
stopReplay();
await client.close();
console.log(JSON.stringify({ live, inbox, replay, lastRev }));
