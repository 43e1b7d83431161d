import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ChatEngine, Me } from '../chat/engine';
import type { ChatState } from '../chat/state';
import type { ConnectionState } from '../api/connection';
import type { OutboxItem } from '../logic/outbox';

export type { Me } from '../chat/engine';

export const EngineContext = createContext<ChatEngine | null>(null);
export const MeContext = createContext<Me | null>(null);

export function useEngine(): ChatEngine {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error('ChatEngine missing');
  return engine;
}

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('Me missing');
  return me;
}

/** A slice of the engine's state; the selector must return something kept by reference (a field of the state). */
export function useChat<T>(select: (state: ChatState) => T): T {
  const { store } = useEngine();
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}

export function useConnectionState(): ConnectionState {
  const { connection } = useEngine();
  return useSyncExternalStore(connection.subscribe, () => connection.current);
}

export function useOutbox(): readonly OutboxItem[] {
  const { outbox } = useEngine();
  return useSyncExternalStore(
    (l) => outbox.subscribe(l),
    () => outbox.snapshot(),
  );
}

/**
 * The open conversation from the URL hash (#/c/<id>, or #/c/<id>/m/<messageId> for a message's link), so reload,
 * back/forward and shared links work without a router.
 */
export function parseRoute(hash: string): { conversationId: string | null; messageId: string | null } {
  const match = /^#\/c\/([^/]+)(?:\/m\/([^/]+))?$/.exec(hash);
  return match ? { conversationId: decodeURIComponent(match[1]!), messageId: match[2] ? decodeURIComponent(match[2]) : null } : { conversationId: null, messageId: null };
}

export function messageLink(conversationId: string, messageId: string): string {
  return `${location.origin}${location.pathname}#/c/${encodeURIComponent(conversationId)}/m/${encodeURIComponent(messageId)}`;
}

export function useRoute(): [string | null, (conversationId: string | null) => void, string | null] {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const onHash = () => setHash(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const { conversationId, messageId } = parseRoute(hash);
  const navigate = (id: string | null) => {
    location.hash = id ? `#/c/${encodeURIComponent(id)}` : '#/';
  };
  return [conversationId, navigate, messageId];
}
