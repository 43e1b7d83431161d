import { describe, expect, it } from 'vitest';
import { catchUpFrom, leavesGap, mergeBySeq } from '../src/logic/mergeBySeq';

const m = (seq: number, id = `m${seq}`) => ({ id, seq });
const seqs = (list: readonly { seq: number }[]) => list.map((x) => x.seq);

describe('mergeBySeq', () => {
  it('orders messages by seq whatever order they arrive in', () => {
    expect(seqs(mergeBySeq([m(1), m(4)], [m(3), m(2), m(5)]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('never duplicates a message delivered twice by different paths', () => {
    const merged = mergeBySeq(mergeBySeq([m(1), m(2)], [m(2), m(3)]), [m(3), m(1)]);
    expect(merged.map((x) => x.id)).toEqual(['m1', 'm2', 'm3']);
  });

  it('returns the same list when nothing new arrives, so React does not re-render', () => {
    const current = [m(1), m(2)];
    expect(mergeBySeq(current, [m(2)])).toBe(current);
    expect(mergeBySeq(current, [])).toBe(current);
  });

  it('merges an older page in front of the loaded ones', () => {
    expect(seqs(mergeBySeq([m(51), m(52)], [m(50), m(49), m(48)]))).toEqual([48, 49, 50, 51, 52]);
  });

  it('keeps one copy of an id even if it was seen under two seqs', () => {
    const merged = mergeBySeq([m(1, 'a'), m(2, 'x')], [m(3, 'x')]);
    expect(merged).toEqual([m(1, 'a'), m(3, 'x')]);
  });
});

describe('catch-up point', () => {
  it('is the newest seq when the loaded run is unbroken', () => {
    expect(catchUpFrom([m(7), m(8), m(9)])).toBe(9);
  });

  it('stops before the first hole, so the missing range is read again', () => {
    expect(catchUpFrom([m(7), m(8), m(11), m(12)])).toBe(8);
  });

  it('is zero for a conversation with nothing loaded', () => {
    expect(catchUpFrom([])).toBe(0);
  });

  it('sees a gap only when a message skips past the newest loaded one', () => {
    expect(leavesGap([m(1), m(2)], 3)).toBe(false);
    expect(leavesGap([m(1), m(2)], 5)).toBe(true);
    expect(leavesGap([m(1), m(2)], 2)).toBe(false);
  });
});
