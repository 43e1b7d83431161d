import { cacheExchange, type Cache } from '@urql/exchange-graphcache';
import { Client, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import type { Client as WsClient } from 'graphql-ws';
import type { ConvoSummaryFragment as ConvoSummary } from '../gql/graphql';
import { MyConvosQuery } from './operations';
import type { Connection } from './connection';

/** The first page of the conversation list; the list query the live updates edit. */
export const CONVO_PAGE_SIZE = 50;

function upsertConvo(cache: Cache, convo: ConvoSummary | null | undefined): void {
  if (!convo) return;
  cache.updateQuery({ query: MyConvosQuery, variables: { limit: CONVO_PAGE_SIZE } }, (data) => {
    if (!data?.myConvos) return data;
    const items = data.myConvos.items ?? [];
    if (items.some((c) => c?.id === convo.id)) return data; // the entity itself is already updated by normalization
    return { ...data, myConvos: { ...data.myConvos, items: [convo, ...items] } };
  });
}

export function createGraphQLClient(ws: WsClient, connection: Connection): Client {
  return new Client({
    url: '/graphql',
    // Same-origin cookie session; X-CSRF is the gateway's proof that the request came from this app's script.
    fetchOptions: () => ({ credentials: 'same-origin', headers: { 'X-CSRF': '1' } }),
    preferGetMethod: false,
    exchanges: [
      mapExchange({
        onError: (error) => {
          const status = (error.response as Response | undefined)?.status;
          if (status === 401) connection.set('signed-out');
        },
      }),
      cacheExchange({
        keys: {
          ModelConvoConnection: () => null,
          ModelMessageConnection: () => null,
          ModelUserConnection: () => null,
          ModelConvoLinkConnection: () => null,
          InboxEvent: () => null,
        },
        updates: {
          Subscription: {
            // A message in any of my conversations, or a conversation I was added to: the normalized
            // Conversation entity takes the new preview/unread count; a new conversation joins the list.
            onInbox: (result, _args, cache) => {
              const event = (result as { onInbox?: { conversation?: ConvoSummary } }).onInbox;
              upsertConvo(cache, event?.conversation);
            },
          },
          Mutation: {
            createConvo: (result, _args, cache) => upsertConvo(cache, (result as { createConvo?: ConvoSummary }).createConvo),
          },
        },
      }),
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
      fetchExchange,
    ],
  });
}
