import type { ChatAction } from './actions';
import { reduce } from './reducer';
import { initialState, type ChatState } from './state';

/** Holds ChatState; `dispatch` is the only way in (through the reducer), `subscribe`/`get` feed useSyncExternalStore. */
export class ChatStore {
  private state: ChatState;
  private readonly listeners = new Set<() => void>();

  constructor(state: ChatState = initialState) {
    this.state = state;
  }

  get = (): ChatState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispatch(action: ChatAction): void {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
