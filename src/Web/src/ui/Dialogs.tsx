import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation } from 'urql';
import { AddMemberMutation, CreateConvoMutation } from '../api/operations';
import { useMe } from './hooks';
import { UserPicker, type PickedUser } from './UserPicker';

/** A modal on the native <dialog>: focus trap, Escape and the backdrop come with it. */
function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
  }, []);
  return (
    <dialog ref={ref} className="modal" aria-label={title} onClose={onClose} onCancel={onClose}>
      <header className="modal-header">
        <h2>{title}</h2>
        <button type="button" className="button ghost" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}

export function NewConversationDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const me = useMe();
  const [picked, setPicked] = useState<PickedUser[]>([]);
  const [name, setName] = useState('');
  const [{ fetching, error }, create] = useMutation(CreateConvoMutation);
  const defaultName = [me.username, ...picked.map((p) => p.username)].join(', ');

  const submit = async () => {
    if (picked.length === 0) return;
    const result = await create({
      // A client-made id makes a double click or a retry return the same conversation.
      id: crypto.randomUUID(),
      name: name.trim() || defaultName.slice(0, 100),
      members: picked.map((p) => p.username),
    });
    const id = result.data?.createConvo?.id;
    if (id) onCreated(id);
  };

  return (
    <Modal title="New conversation" onClose={onClose}>
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <UserPicker picked={picked} onChange={setPicked} exclude={[me.username]} />
        {picked.length > 1 && (
          <label className="field">
            <span>Group name (optional)</span>
            <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder={defaultName} />
          </label>
        )}
        {error && <p className="error" role="alert">{error.graphQLErrors[0]?.message ?? 'Could not create the conversation.'}</p>}
        <footer className="modal-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={picked.length === 0 || fetching} data-testid="create-convo">
            {picked.length > 1 ? 'Start group' : 'Start chat'}
          </button>
        </footer>
      </form>
    </Modal>
  );
}

export function AddPeopleDialog({
  conversationId,
  members,
  onClose,
}: {
  conversationId: string;
  members: readonly string[];
  onClose: () => void;
}) {
  const [picked, setPicked] = useState<PickedUser[]>([]);
  const [{ fetching, error }, add] = useMutation(AddMemberMutation);

  const submit = async () => {
    for (const user of picked) {
      const result = await add({ conversationId, userId: user.id });
      if (result.error) return;
    }
    onClose();
  };

  return (
    <Modal title="Add people" onClose={onClose}>
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <UserPicker picked={picked} onChange={setPicked} exclude={members} />
        {error && <p className="error" role="alert">{error.graphQLErrors[0]?.message ?? 'Could not add.'}</p>}
        <footer className="modal-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={picked.length === 0 || fetching}>
            Add
          </button>
        </footer>
      </form>
    </Modal>
  );
}
