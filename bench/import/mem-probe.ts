import { startParser } from '@mini-crm/api/imports';
(async () => {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const p = startParser({ filePath: process.argv[2], kind: 'customers', normalize: {}, batchSize: 5000, withCopy: true }, process.argv[3] !== 'inline');
  let rows = 0;
  for await (const m of p.messages) if (m.type === 'batch') { rows += m.batch.rowNumbers.length; await new Promise((r) => setTimeout(r, 5)); }
  clearInterval(timer);
  console.log(p.mode, rows, 'base', Math.round(base / 1e6), 'MB peak', Math.round(peak / 1e6), 'MB');
  await p.stop();
})();
