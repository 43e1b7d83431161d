import { Client, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import type { Client as WsClient } from 'graphql-ws';
import type { Connection } from './connection';

/**
 * The urql client. No cache exchange: what the screens show lives in the chat engine's state (one reducer for
 * every read, write and live event), so there is one source of truth, not a cache beside it.
 */
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
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
      fetchExchange,
    ],
  });
}
