import type { OutboxItem, OutboxStorage } from './outbox';

/**
 * The outbox in IndexedDB: one object store keyed by the message id. Each call is its own transaction, which is
 * enough here — the outbox writes one item at a time and its in-memory copy is the source of order.
 */
export class IdbOutboxStorage implements OutboxStorage {
  private db: Promise<IDBDatabase> | null = null;

  constructor(
    private readonly factory: IDBFactory = indexedDB,
    private readonly dbName = 'chatt',
    private readonly storeName = 'outbox',
  ) {}

  async load(): Promise<OutboxItem[]> {
    const all = await this.request<OutboxItem[]>('readonly', (store) => store.getAll());
    return all.sort((a, b) => a.order - b.order);
  }

  async put(item: OutboxItem): Promise<void> {
    await this.request('readwrite', (store) => store.put(item));
  }

  async remove(id: string): Promise<void> {
    await this.request('readwrite', (store) => store.delete(id));
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = this.factory.open(this.dbName, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(this.storeName)) {
          request.result.createObjectStore(this.storeName, { keyPath: 'id' });
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.db;
  }

  private async request<T>(mode: IDBTransactionMode, make: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    const db = await this.open();
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction(this.storeName, mode);
      const request = make(tx.objectStore(this.storeName));
      // Resolve on commit, not on the request's success: a put is durable only once its transaction completes.
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  }
}
