// The last item of a list whose contents a loop of unknown count made unknown, where it is still
// known exactly: a U-Net's skip list `hs`, appended in its level loops, is read back as `hs[-1]`
// and `hs.pop()`. Set by an append or by the loop that appended the same shape each time; any
// other change of the list forgets it.
import type { Value } from '../value';
import { nextSerial } from './objects';

const lastItems = new WeakMap<object, Value>();

export function lastItemOf(list: Value): Value | undefined {
  return list.kind === 'list' ? lastItems.get(list) : undefined;
}

/** When the code last read a list's known last item (a value serial; see readLastItem). */
const readAt = new WeakMap<object, number>();

/**
 * The last item as the code reads it (`hs[-1]`, `hs.pop()`): a loop of unknown count that read it
 * and did not leave it as it was is not settled (speculation.ts), as a changed name is not.
 */
export function readLastItem(list: Value): Value | undefined {
  const last = lastItemOf(list);
  if (last) readAt.set(list, nextSerial());
  return last;
}

/** Whether the list's last item was read after value serial `serial`. */
export function lastItemReadSince(list: Value, serial: number): boolean {
  return (readAt.get(list) ?? -1) > serial;
}

export function setLastItem(list: Value, item: Value): void {
  if (list.kind === 'list') lastItems.set(list, item);
}

/** The list changed in a way that may change its last item. */
export function forgetLastItem(list: Value | object): void {
  lastItems.delete(list);
}
