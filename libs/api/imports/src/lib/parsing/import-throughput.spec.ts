import { DuplicateTracker } from './duplicate-tracker.util';
import { parseImportFile } from './import-file.reader';
import { streamOf } from './test-input.fixture';

/**
 * Measures parse + normalize (with phone numbers) on 100k generated customer rows and prints
 * rows/s. Timing is printed, not asserted (CI machines vary); correctness of the counts is.
 */
describe('import throughput', () => {
  function generate(rows: number, quoteAll: boolean): Buffer {
    const q = (s: string) => (quoteAll ? `"${s}"` : s);
    const lines = ['external_id,first_name,last_name,email,phone,city,country,tags,loyalty_tier'];
    for (let i = 0; i < rows; i++) {
      const n = String(9000000000 + i * 7);
      const phone =
        i % 3 === 0 ? `+91 ${n.slice(0, 5)}-${n.slice(5)}` : i % 3 === 1 ? `0${n.slice(0, 5)} ${n.slice(5)}` : n;
      lines.push(
        [`C${i}`, `First${i}`, 'Doe', `user${i}@example.com`, phone, 'Mumbai', 'IN', 'vip;new', 'gold']
          .map(q)
          .join(','),
      );
    }
    return Buffer.from(lines.join('\r\n') + '\r\n');
  }

  async function run(data: Buffer): Promise<{ rows: number; ms: number; cpuMs: number }> {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let rows = 0;
    const dups = new DuplicateTracker();
    for await (const batch of parseImportFile(streamOf(data), { kind: 'customers' })) {
      for (const row of batch.rows) dups.check(row.record, row.rowNumber);
      rows += batch.rows.length;
      expect(batch.failedRows).toBe(0);
    }
    const used = process.cpuUsage(cpu);
    return { rows, ms: Number(process.hrtime.bigint() - started) / 1e6, cpuMs: (used.user + used.system) / 1000 };
  }

  it.each([
    ['unquoted', false],
    ['every field quoted', true],
  ])('parses 100k customer rows (%s) and prints rows/s', async (label, quoteAll) => {
    const data = generate(100_000, quoteAll as boolean);
    await run(generate(5_000, quoteAll as boolean)); // warm-up
    const { rows, ms, cpuMs } = await run(data);
    expect(rows).toBe(100_000);
    // CPU time is printed too: on a shared machine wall time mostly measures the neighbours.
    console.log(
      `import throughput (${label}): ${rows} rows in ${ms.toFixed(0)} ms wall = ${Math.round((rows / ms) * 1000)} rows/s; ` +
        `${cpuMs.toFixed(0)} ms CPU = ${Math.round((rows / cpuMs) * 1000)} rows/CPU-s (incl. GC threads)`,
    );
  });
});
