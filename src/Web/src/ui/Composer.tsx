import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { limits } from '../logic/limits';

/** The counter appears this close to the limit, so a long message never ends in a surprise. */
const COUNTER_FROM = 0.9;

export interface ComposerProps {
  readonly onSend: (text: string) => void;
  /** The kept draft to start from (per conversation); `onDraft` is told every change. */
  readonly initial?: string;
  readonly onDraft?: (text: string) => void;
  readonly disabled?: boolean;
  /** Why it is disabled, said in place of the placeholder. */
  readonly disabledReason?: string;
  /** Up-arrow in an empty box: edit one's last message. */
  readonly onEditLast?: () => void;
  /** Called while typing (the caller throttles what it sends). */
  readonly onTyping?: (typing: boolean) => void;
  /** Something shown above the box: the message being replied to, the @ member picker. */
  readonly above?: ReactNode;
  readonly label?: string;
  readonly submitLabel?: string;
  readonly onCancel?: () => void;
  /** Lets a parent see and change the text (the @ picker completes a name). */
  readonly onTextChange?: (text: string, caret: number) => void;
  readonly textRef?: React.RefObject<HTMLTextAreaElement | null>;
}

/** Enter sends, Shift+Enter adds a line; an IME composition's Enter is left to the IME. */
export function Composer({
  onSend,
  initial = '',
  onDraft,
  disabled,
  disabledReason,
  onEditLast,
  onTyping,
  above,
  label = 'Message',
  submitLabel = 'Send',
  onCancel,
  onTextChange,
  textRef,
}: ComposerProps) {
  const [text, setText] = useState(initial);
  const [refused, setRefused] = useState(false);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textRef ?? ownRef;
  const hintId = useId();
  const countId = useId();
  const max = limits.maxMessageLength;
  const over = text.length - max;

  const change = (value: string, caret: number) => {
    setText(value);
    setRefused(false);
    onDraft?.(value);
    onTyping?.(value.trim().length > 0);
    onTextChange?.(value, caret);
  };

  const send = () => {
    const content = text.trim();
    if (!content || disabled) return;
    if (content.length > max) {
      // Never cut silently: say so and keep every character where it is.
      setRefused(true);
      return;
    }
    onSend(content);
    setText('');
    onDraft?.('');
    onTyping?.(false);
    ref.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      send();
    } else if (e.key === 'ArrowUp' && text === '' && onEditLast) {
      e.preventDefault();
      onEditLast();
    } else if (e.key === 'Escape' && onCancel) {
      e.preventDefault();
      onCancel();
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
      {above}
      <div className="composer-row">
        <label htmlFor={hintId + '-input'} className="visually-hidden">
          {label}
        </label>
        <textarea
          id={hintId + '-input'}
          ref={ref}
          value={text}
          rows={1}
          placeholder={disabled && disabledReason ? disabledReason : 'Write a message'}
          disabled={disabled}
          onChange={(e) => change(e.target.value, e.target.selectionStart ?? e.target.value.length)}
          onKeyDown={onKeyDown}
          onBlur={() => onTyping?.(false)}
          aria-describedby={`${hintId} ${countId}`}
          aria-invalid={over > 0 ? true : undefined}
          data-testid="composer"
        />
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" className="button primary" disabled={!text.trim() || disabled || over > 0}>
          {submitLabel}
        </button>
      </div>
      <span id={hintId} className="visually-hidden">
        Enter sends, Shift+Enter starts a new line.
      </span>
      <p id={countId} className={`composer-count${over > 0 ? ' error' : ''}`} aria-live="polite">
        {over > 0
          ? `${over.toLocaleString()} ${over === 1 ? 'character' : 'characters'} over the ${max.toLocaleString()} limit — shorten it or split it into two messages.`
          : text.length >= max * COUNTER_FROM
            ? `${text.length.toLocaleString()} / ${max.toLocaleString()}`
            : ''}
        {refused && over > 0 ? ' Not sent.' : ''}
      </p>
    </form>
  );
}
