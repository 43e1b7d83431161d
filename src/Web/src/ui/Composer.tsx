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
  readonly autoFocus?: boolean;
  /** Usernames `@` may complete to (the other members); no picker without them. */
  readonly mentionable?: readonly string[];
}

/** The `@name` being typed right before the caret, or null. */
export function mentionQuery(text: string, caret: number): string | null {
  const match = /(^|\s)@([\p{L}\p{N}._\-+@]*)$/u.exec(text.slice(0, caret));
  return match ? match[2]! : null;
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
  autoFocus,
  mentionable,
}: ComposerProps) {
  const [text, setText] = useState(initial);
  const [refused, setRefused] = useState(false);
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textRef ?? ownRef;
  const hintId = useId();
  const countId = useId();
  const max = limits.maxMessageLength;
  const over = text.length - max;
  const [caret, setCaret] = useState(initial.length);
  const [activeMention, setActiveMention] = useState(0);
  const [mentionClosed, setMentionClosed] = useState(false);
  const query = mentionable && !mentionClosed ? mentionQuery(text, caret) : null;
  const candidates = query == null ? [] : mentionable!.filter((m) => m.toLowerCase().startsWith(query.toLowerCase())).slice(0, 8);
  const pickerId = useId();

  const pickMention = (name: string) => {
    const before = text.slice(0, caret).replace(/@[\p{L}\p{N}._\-+@]*$/u, `@${name} `);
    const value = before + text.slice(caret);
    change(value, before.length);
    requestAnimationFrame(() => ref.current?.setSelectionRange(before.length, before.length));
    ref.current?.focus();
  };

  function change(value: string, at: number) {
    setText(value);
    setCaret(at);
    setActiveMention(0);
    setMentionClosed(false);
    setRefused(false);
    onDraft?.(value);
    onTyping?.(value.trim().length > 0);
    onTextChange?.(value, at);
  }

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
    if (candidates.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActiveMention((i) => (i + (e.key === 'ArrowDown' ? 1 : candidates.length - 1)) % candidates.length);
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        pickMention(candidates[activeMention] ?? candidates[0]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setMentionClosed(true);
        return;
      }
    }
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
      {candidates.length > 0 && (
        <ul className="mention-picker" id={pickerId} role="listbox" aria-label="Mention someone">
          {candidates.map((name, i) => (
            <li key={name} role="option" aria-selected={i === activeMention} id={`${pickerId}-${i}`} className={i === activeMention ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                pickMention(name);
              }}
            >
              @{name}
            </li>
          ))}
        </ul>
      )}
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
          onSelect={(e) => setCaret(e.currentTarget.selectionStart ?? text.length)}
          aria-controls={candidates.length > 0 ? pickerId : undefined}
          aria-activedescendant={candidates.length > 0 ? `${pickerId}-${activeMention}` : undefined}
          onBlur={() => onTyping?.(false)}
          aria-describedby={`${hintId} ${countId}`}
          aria-invalid={over > 0 ? true : undefined}
          data-testid="composer"
          autoFocus={autoFocus}
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
