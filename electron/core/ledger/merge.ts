// Every ledger's entries in one order, for projections that read them all.
import type { LedgerEntry } from './entry';

function before(a: LedgerEntry, b: LedgerEntry): boolean {
  if (a.ts !== b.ts) return a.ts < b.ts;
  if (a.actor !== b.actor) return a.actor < b.actor;
  return a.seq < b.seq;
}

/**
 * Every entry of every ledger merged in (ts, actor, seq) order. Each ledger's own order is kept
 * even if its clock went backwards (a k-way merge, not a sort).
 */
export function allEntriesInOrder(ledgers: readonly { entries: readonly LedgerEntry[] }[]): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  // A binary min-heap of [ledger, position] cursors.
  const heap: [number, number][] = [];
  const at = (c: [number, number]) => (ledgers[c[0]] as { entries: readonly LedgerEntry[] }).entries[c[1]];
  const less = (i: number, j: number) =>
    before(at(heap[i] as [number, number]) as LedgerEntry, at(heap[j] as [number, number]) as LedgerEntry);
  const swap = (i: number, j: number) => {
    const t = heap[i] as [number, number];
    heap[i] = heap[j] as [number, number];
    heap[j] = t;
  };
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(i, p)) break;
      swap(i, p);
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  ledgers.forEach((l, i) => {
    if (l.entries.length > 0) {
      heap.push([i, 0]);
      up(heap.length - 1);
    }
  });
  while (heap.length > 0) {
    const top = heap[0] as [number, number];
    out.push(at(top) as LedgerEntry);
    top[1]++;
    if (top[1] >= (ledgers[top[0]] as { entries: readonly LedgerEntry[] }).entries.length) {
      const last = heap.pop() as [number, number];
      if (heap.length > 0) heap[0] = last;
    }
    if (heap.length > 0) down(0);
  }
  return out;
}
