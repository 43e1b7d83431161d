// The change-stream mutations sent by the graphql-ws library's own client (graphql-transport-ws), each one twice
// where a retry must change nothing, as the web client's offline outbox would replay them.
// usage: node change-mutations.mjs <ws url> <owner token> <member token> <member username>
// prints: { step: result } for every step, result being the { data, errors } the server answered
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, ownerToken, memberToken, memberName] = process.argv.slice(2);

const connect = (token) => createClient({ url, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${token}` }, retryAttempts: 0 });
const owner = connect(ownerToken);
const member = connect(memberToken);

// One operation on the socket: its single result (errors included), never a rejection for GraphQL errors.
const run = (client, query, variables) => new Promise((resolve, reject) => {
  let result = null;
  client.subscribe({ query, variables }, {
    next: (value) => { result = value; },
    error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
    complete: () => resolve(result),
  });
});

const message = 'id seq rev content editedAt deletedAt reactions { emoji count me }';
const link = 'convoLinkUserId role removedAt rev';
const results = {};
const step = async (name, client, query, variables) => {
  results[name] = await run(client, query, variables);
  if (results[name]?.errors && !name.endsWith('Refused')) throw new Error(`${name}: ${JSON.stringify(results[name].errors)}`);
  return results[name].data;
};

const convoId = (await step('createConvo', owner, 'mutation($m: String!) { createConvo(input: { name: "over ws", members: [$m] }) { id lastRev myRole } }', { m: memberName })).createConvo.id;
const memberId = (await run(member, '{ me { id } }')).data.me.id;

const post = { id: crypto.randomUUID(), c: convoId };
const postQuery = `mutation($id: ID, $c: ID!) { createMessage(input: { id: $id, messageConversationId: $c, content: "helo" }) { ${message} } }`;
const posted = (await step('createMessage', member, postQuery, post)).createMessage;
await step('createMessageRetry', member, postQuery, post);

const edit = { id: posted.id, rev: posted.rev };
const editQuery = `mutation($id: ID!, $rev: Int!) { updateMessage(input: { id: $id, content: "hello", expectedRev: $rev }) { ${message} } }`;
await step('updateMessage', member, editQuery, edit);
await step('updateMessageRetry', member, editQuery, edit);

const react = (name) => `mutation($id: ID!) { ${name}(input: { messageId: $id, emoji: "👍" }) { ${message} } }`;
await step('addReaction', owner, react('addReaction'), { id: posted.id });
await step('addReactionRetry', owner, react('addReaction'), { id: posted.id });
await step('removeReaction', owner, react('removeReaction'), { id: posted.id });
await step('removeReactionRetry', owner, react('removeReaction'), { id: posted.id });

const rename = 'mutation($c: ID!) { updateConvo(input: { id: $c, name: "renamed over ws" }) { name lastRev } }';
await step('updateConvo', owner, rename, { c: convoId });
await step('updateConvoRetry', owner, rename, { c: convoId });

const role = `mutation($c: ID!, $u: ID!) { updateConvoLink(input: { convoLinkConversationId: $c, convoLinkUserId: $u, role: ADMIN }) { ${link} } }`;
await step('updateConvoLink', owner, role, { c: convoId, u: memberId });
await step('updateConvoLinkRetry', owner, role, { c: convoId, u: memberId });

const del = `mutation($id: ID!) { deleteMessage(input: { id: $id }) { ${message} } }`;
await step('deleteMessage', member, del, { id: posted.id });
await step('deleteMessageRetry', member, del, { id: posted.id });

const remove = `mutation($c: ID!, $u: ID!) { deleteConvoLink(input: { convoLinkConversationId: $c, convoLinkUserId: $u }) { ${link} } }`;
await step('deleteConvoLink', owner, remove, { c: convoId, u: memberId });
await step('deleteConvoLinkRetry', owner, remove, { c: convoId, u: memberId });
await step('getConvoAfterRemovalRefused', member, 'query($c: ID!) { getConvo(id: $c) { id } }', { c: convoId });

const direct = 'mutation($m: String!) { createConvo(input: { members: [$m], direct: true }) { id direct } }';
await step('createDirect', owner, direct, { m: memberName });
await step('createDirectRetry', owner, direct, { m: memberName });

await step('final', owner, 'query($c: ID!) { getConvo(id: $c) { name lastRev } }', { c: convoId });

await owner.dispose();
await member.dispose();
console.log(JSON.stringify(results));
