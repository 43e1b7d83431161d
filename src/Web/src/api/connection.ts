import { createClient, type Client as WsClient } from 'graphql-ws';

/**
 * What the header shows: `online` once the WebSocket is acknowledged, `connecting` while it (re)connects, `offline`
 * when the browser says so or the socket is down, `signed-out` when the gateway refused the session.
 */
export type ConnectionState = 'connecting' | 'online' | 'offline' | 'signed-out';

type Listener = () => void;

export class Connection {
  private state: ConnectionState = 'connecting';
  private readonly listeners = new Set<Listener>();
  private readonly reconnectListeners = new Set<Listener>();
  private everConnected = false;

  get current(): ConnectionState {
    return this.state;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called after every reconnect (not the first connect): the moment to catch up on what was missed. */
  onReconnect(listener: Listener): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  set(state: ConnectionState): void {
    if (state === 'connecting' && !navigator.onLine) state = 'offline';
    if (this.state === 'signed-out' || state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  connected(): void {
    this.set('online');
    if (this.everConnected) for (const listener of this.reconnectListeners) listener();
    this.everConnected = true;
  }
}

/**
 * What a closed socket means. 4401: the session was refused (graphql-ws gives up; only signing in again helps).
 * 4403 is ChatApi's "the token expired while the socket was open": graphql-ws reconnects, the gateway attaches a
 * fresh token to the new socket, and live updates go on — that is a reconnect, not a signed-out session.
 */
export function stateAfterClose(code: number | undefined, online: boolean): ConnectionState {
  if (code === 4401) return 'signed-out';
  return online ? 'connecting' : 'offline';
}

const PING_INTERVAL_MS = 10_000;
const PONG_TIMEOUT_MS = 5_000;

export function graphqlWsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

/** Waits like an exponential backoff, but wakes at once when the browser comes back online. */
function backoff(retries: number): Promise<void> {
  const delay = Math.min(1000 * 2 ** retries, 15_000) * (0.75 + Math.random() * 0.5);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, delay);
    window.addEventListener('online', done);
  });
}

/**
 * The graphql-transport-ws client. The gateway authenticates the socket by its cookie, so no connection params
 * carry a token. A socket can die silently (a sleeping laptop, a proxy): a ping unanswered in time terminates it,
 * and graphql-ws reconnects and re-subscribes.
 */
export function createWsClient(connection: Connection): WsClient {
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const client: WsClient = createClient({
    url: graphqlWsUrl(),
    lazy: false,
    keepAlive: PING_INTERVAL_MS,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    retryWait: backoff,
    on: {
      connecting: () => connection.set('connecting'),
      connected: () => connection.connected(),
      closed: (event) => {
        clearTimeout(pongTimer);
        connection.set(stateAfterClose((event as { code?: number } | undefined)?.code, navigator.onLine));
      },
      ping: (received) => {
        if (!received) pongTimer = setTimeout(() => client.terminate(), PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
    },
  });

  window.addEventListener('offline', () => {
    connection.set('offline');
    client.terminate();
  });
  window.addEventListener('online', () => connection.set('connecting'));
  return client;
}
