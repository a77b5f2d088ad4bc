/** Self and total time per function of a .cpuprofile: `tsx bench/shared/profile-top.ts FILE [N]`. */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, n = '40'] = process.argv.slice(2);
const p = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[] };
const byId = new Map(p.nodes.map((x) => [x.id, x]));
const parent = new Map<number, number>();
for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
const label = (x: Node) =>
  `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, 'dist/')}:${x.callFrame.lineNumber}`;
const self = new Map<string, number>();
const total = new Map<string, number>();
const pkgSelf = new Map<string, number>();
for (const s of p.samples) {
  const leaf = byId.get(s) as Node;
  self.set(label(leaf), (self.get(label(leaf)) ?? 0) + 1);
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(leaf.callFrame.url)?.[1] ?? (leaf.callFrame.url || '(native)');
  pkgSelf.set(pkg, (pkgSelf.get(pkg) ?? 0) + 1);
  const seen = new Set<string>();
  for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
    const l = label(byId.get(id) as Node);
    if (!seen.has(l)) total.set(l, (total.get(l) ?? 0) + 1);
    seen.add(l);
  }
}
const pct = (v: number) => ((100 * v) / p.samples.length).toFixed(1).padStart(5) + ' %';
const top = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(n))
    .map(([k, v]) => `${pct(v)}  ${k}`)
    .join('\n');
console.log(`SELF\n${top(self)}\n\nBY PACKAGE (self)\n${top(pkgSelf)}\n\nTOTAL\n${top(total)}`);
