// Summarises a V8 .cpuprofile: self time per function and per area (package / Node internals / GC),
// and inclusive time of a few frames worth knowing about.
import { readFileSync } from 'node:fs';

function area(url, name) {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)' || name === '(program)' || name === '(root)') return name;
  if (!url) return '(native/V8 builtins)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const ember = /\/(apps|libs)\/([^/]+)\//.exec(url);
  if (ember) return `ember ${ember[1]}/${ember[2]}`;
  return url.replace(/^file:\/\//, '');
}

export function summarizeProfile(path, top = 25) {
  const p = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map();
  const deltas = p.timeDeltas;
  for (let i = 0; i < p.samples.length; i++) {
    const d = deltas[i + 1] ?? 0;
    selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + d);
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const idle = [...selfUs].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
  const busy = total - idle;
  const fns = new Map();
  const areas = new Map();
  const inclusive = new Map(); // area -> us, counted once per sample stack
  for (const [id, us] of selfUs) {
    const cf = byId.get(id).callFrame;
    if (cf.functionName === '(idle)') continue;
    const key = `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^file:\/\/.*?\/(node_modules|dist)\//, '$1/')}:${cf.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const a = area(cf.url, cf.functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    // inclusive per area: walk up once per distinct area on the stack
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n).callFrame;
      const an = area(f.url, f.functionName);
      if (an.startsWith('(')) continue;
      if (!seen.has(an)) {
        seen.add(an);
        inclusive.set(an, (inclusive.get(an) ?? 0) + us);
      }
    }
  }
  const pct = (us) => Math.round((1000 * us) / busy) / 10;
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    profiledSeconds: total / 1e6,
    busySeconds: busy / 1e6,
    busyFraction: busy / total,
    topSelf: sorted(fns).slice(0, top).map(([fn, us]) => ({ fn, selfMs: Math.round(us / 1000), pct: pct(us) })),
    selfByArea: sorted(areas).slice(0, 20).map(([a, us]) => ({ area: a, selfMs: Math.round(us / 1000), pct: pct(us) })),
    inclusiveByArea: sorted(inclusive).slice(0, 20).map(([a, us]) => ({ area: a, ms: Math.round(us / 1000), pct: pct(us) })),
  };
}
