import { useRef, useState, type KeyboardEvent } from 'react';

const MAX_LENGTH = 4000;

/** Enter sends, Shift+Enter adds a line; an IME composition's Enter is left to the IME. */
export function Composer({ onSend, disabled }: { onSend: (text: string) => void; disabled?: boolean }) {
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);

  const send = () => {
    const content = text.trim();
    if (!content || disabled) return;
    onSend(content);
    setText('');
    ref.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor="composer-input" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={ref}
        value={text}
        rows={1}
        maxLength={MAX_LENGTH}
        placeholder="Write a message"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="composer-hint"
        data-testid="composer"
      />
      <span id="composer-hint" className="visually-hidden">
        Enter sends, Shift+Enter starts a new line.
      </span>
      <button type="submit" className="button primary" disabled={!text.trim() || disabled}>
        Send
      </button>
    </form>
  );
}
