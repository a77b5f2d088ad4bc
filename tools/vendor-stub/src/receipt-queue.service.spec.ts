import { ReceiptQueue } from './receipt-queue.service';

describe('ReceiptQueue', () => {
  it('keeps FIFO order across wrap-around and growth', () => {
    const q = new ReceiptQueue();
    let pushed = 0;
    let popped = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 900; i++) q.push(pushed, pushed % 4, pushed++);
      const n = q.dueCount(Number.MAX_SAFE_INTEGER, 700);
      expect(n).toBe(700);
      for (let i = 0; i < n; i++)
        expect(q.peek(i)).toEqual({ slot: popped + i, type: (popped + i) % 4, dueAt: popped + i });
      q.drop(n);
      popped += n;
    }
    expect(q.length).toBe(pushed - popped);
    expect(q.peek(0).slot).toBe(popped);
  });

  it('counts only due receipts and keeps due times monotonic', () => {
    const q = new ReceiptQueue();
    q.push(1, 0, 100);
    q.push(2, 0, 200);
    q.push(3, 0, 150);
    expect(q.dueCount(99, 10)).toBe(0);
    expect(q.dueCount(150, 10)).toBe(1);
    expect(q.peek(2).dueAt).toBe(200);
    expect(q.dueCount(200, 10)).toBe(3);
    expect(q.dueCount(200, 2)).toBe(2);
  });
});
