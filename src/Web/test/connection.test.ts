import { describe, expect, it } from 'vitest';
import { stateAfterClose } from '../src/api/connection';

describe('a closed socket', () => {
  it('closed with 4403 (token expired) reconnects instead of signing out', () => {
    expect(stateAfterClose(4403, true)).toBe('connecting');
  });
  it('closed with 4401 (session refused) is signed out', () => {
    expect(stateAfterClose(4401, true)).toBe('signed-out');
  });
  it('closed while the browser is offline shows offline', () => {
    expect(stateAfterClose(1006, false)).toBe('offline');
  });
});
