import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { ChatEngine } from '../chat/engine';
import type { ConnectionState } from '../api/connection';
import type { ConversationMessages } from '../logic/messageStore';
import type { OutboxItem } from '../logic/outbox';

export interface Me {
  readonly id: string;
  readonly username: string;
}

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

export function useConnectionState(): ConnectionState {
  const { connection } = useEngine();
  return useSyncExternalStore(connection.subscribe, () => connection.current);
}

export function useConversationMessages(conversationId: string): ConversationMessages {
  const { messages } = useEngine();
  return useSyncExternalStore(
    (l) => messages.subscribe(l),
    () => messages.get(conversationId),
  );
}

export function useOutbox(): readonly OutboxItem[] {
  const { outbox } = useEngine();
  return useSyncExternalStore(
    (l) => outbox.subscribe(l),
    () => outbox.snapshot(),
  );
}

/** The open conversation from the URL hash (#/c/<id>), so reload and back/forward work without a router. */
export function useRoute(): [string | null, (conversationId: string | null) => void] {
  const read = () => {
    const match = /^#\/c\/(.+)$/.exec(location.hash);
    return match ? decodeURIComponent(match[1]!) : null;
  };
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onHash = () => setRoute(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const navigate = (conversationId: string | null) => {
    location.hash = conversationId ? `#/c/${encodeURIComponent(conversationId)}` : '#/';
  };
  return [route, navigate];
}
