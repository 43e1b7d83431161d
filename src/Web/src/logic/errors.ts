/**
 * The one place a failure becomes words. Nothing the server or the network says is shown raw: the error's stable
 * code (extensions.code, see ChatApi's ErrorCodes) picks a sentence that says what happened and what to do next.
 */
export interface ErrorLike {
  readonly networkError?: unknown;
  readonly graphQLErrors?: readonly { readonly extensions?: Record<string, unknown> | null }[];
  readonly response?: unknown;
}

export type ErrorCode =
  | 'NETWORK'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'USERNAME_TAKEN'
  | 'CONFLICT'
  | 'RESYNC_REQUIRED'
  | 'UNKNOWN';

const known = new Set<string>(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'USERNAME_TAKEN', 'CONFLICT', 'RESYNC_REQUIRED']);

/** The code of an urql CombinedError (or anything shaped like it, or a bare code string). */
export function errorCode(error: unknown): ErrorCode {
  if (typeof error === 'string') return known.has(error) ? (error as ErrorCode) : 'UNKNOWN';
  if (!error || typeof error !== 'object') return 'UNKNOWN';
  const e = error as ErrorLike;
  const status = (e.response as { status?: number } | undefined)?.status;
  if (status === 401) return 'UNAUTHENTICATED';
  const code = e.graphQLErrors?.map((g) => g.extensions?.code).find((c): c is string => typeof c === 'string');
  if (code) return known.has(code) ? (code as ErrorCode) : 'UNKNOWN';
  if (e.networkError || error instanceof TypeError) return 'NETWORK';
  return 'UNKNOWN';
}

/** What the person was doing, as the end of "Could not …". */
export type Action =
  | 'load the conversations'
  | 'load the messages'
  | 'open the conversation'
  | 'search for people'
  | 'start the conversation'
  | 'add people'
  | 'send the message'
  | 'save the username'
  | 'rename the conversation'
  | 'edit the message'
  | 'delete the message'
  | 'react'
  | 'leave the conversation'
  | 'remove the member'
  | 'change the role';

const forAction: Partial<Record<Action, Partial<Record<ErrorCode, string>>>> = {
  'save the username': {
    USERNAME_TAKEN: 'That username is taken. Try another one.',
    BAD_USER_INPUT: 'A username is 1–32 letters, digits or . _ - @ + — change it and try again.',
  },
  'send the message': {
    BAD_USER_INPUT: 'The server did not accept this message (too long or empty). Edit it, or discard it.',
    FORBIDDEN: 'You are no longer a member of this conversation, so this message cannot be sent. Discard it.',
    NOT_FOUND: 'This conversation no longer exists, so this message cannot be sent. Discard it.',
  },
  'start the conversation': {
    BAD_USER_INPUT: 'The conversation could not be started with these people or this name. Check them and try again.',
    NOT_FOUND: 'One of these people no longer exists. Remove them and try again.',
  },
  'add people': {
    FORBIDDEN: 'You can only add people to a conversation you are a member of.',
    NOT_FOUND: 'That person no longer exists. Pick someone else.',
    BAD_USER_INPUT: 'This conversation cannot take more members.',
  },
  'open the conversation': {
    NOT_FOUND: 'This conversation does not exist, or you are not a member of it. Pick one from the list.',
    FORBIDDEN: 'This conversation does not exist, or you are not a member of it. Pick one from the list.',
  },
  'edit the message': { CONFLICT: 'The message changed meanwhile (edited or deleted elsewhere). Look at it again and retry.' },
  'rename the conversation': { BAD_USER_INPUT: 'A conversation name is 1–100 characters. Shorten it and try again.' },
  'leave the conversation': { BAD_USER_INPUT: 'You are the last owner: make someone else an owner first, then leave.' },
  'remove the member': { BAD_USER_INPUT: 'The last owner cannot be removed. Make someone else an owner first.' },
};

const general: Record<ErrorCode, string> = {
  NETWORK: 'Chatt cannot be reached right now. Check your connection; it will work again once you are back online.',
  UNAUTHENTICATED: 'Your session has ended. Sign in again to go on.',
  FORBIDDEN: 'You are not allowed to do that here.',
  NOT_FOUND: 'That no longer exists. Reload the page to see the current state.',
  BAD_USER_INPUT: 'The server did not accept that. Check what you entered and try again.',
  USERNAME_TAKEN: 'That username is taken. Try another one.',
  CONFLICT: 'Something changed meanwhile. Look again and retry.',
  RESYNC_REQUIRED: 'This conversation changed too much while you were away. Reload the page to see it as it is now.',
  UNKNOWN: 'Something went wrong on our side. Try again in a moment.',
};

/** One sentence for the screen: "Could not <action>. <why and what to do>". */
export function describeError(action: Action, error: unknown): string {
  const code = errorCode(error);
  return `Could not ${action}. ${forAction[action]?.[code] ?? general[code]}`;
}
