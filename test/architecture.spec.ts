import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !/\.(int-|e2e-)?spec\.ts$/.test(name) ? [path] : [];
  });
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2]!);
const rel = (file: string) => relative(root, file).split(sep).join('/');

/** The dependency rules of STYLE.md, checked on every test run. */
describe('architecture', () => {
  const libFiles = sources(join(root, 'libs'));
  const appFiles = sources(join(root, 'apps'));

  it('libs never import apps', () => {
    const offenders = libFiles.filter((f) => importsOf(f).some((i) => i.includes('apps/')));
    expect(offenders.map(rel)).toEqual([]);
  });

  it('domain code imports no TypeORM, BullMQ, Express, Nest or HTTP errors', () => {
    const forbidden = /^(typeorm|bullmq|ioredis|express|pg|@nestjs\/|#ember\/(cinder|platform|jobs|storage))/;
    const offenders = libFiles
      .filter((f) => rel(f).includes('/domain/'))
      .flatMap((f) => importsOf(f).filter((i) => forbidden.test(i)).map((i) => `${rel(f)} → ${i}`));
    expect(offenders).toEqual([]);
  });

  it('a lib is reached only through its barrel (#ember/<lib>), never by a deep path into another lib', () => {
    const offenders = [...libFiles, ...appFiles].flatMap((f) =>
      importsOf(f)
        .filter((i) => /^#ember\/[^/]+\/./.test(i) || /(^|\/)libs\//.test(i) || (i.startsWith('.') && crossesLib(f, i)))
        .map((i) => `${rel(f)} → ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('BullMQ processors live only in apps/worker', () => {
    const offenders = [...libFiles, ...appFiles]
      .filter((f) => !rel(f).startsWith('apps/worker/'))
      .filter((f) => {
        // A BullMQ Worker (not a node:worker_threads one, which the CLI's replay runs in) or a Nest processor.
        const src = readFileSync(f, 'utf8');
        return /@Processor\(/.test(src) || (/from '(bullmq|@nestjs\/bullmq)'/.test(src) && /new Worker\(/.test(src));
      });
    expect(offenders.map(rel)).toEqual([]);
  });

  it('nothing but libs/config reads process.env', () => {
    const offenders = [...libFiles, ...appFiles]
      .filter((f) => !rel(f).startsWith('libs/config/'))
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')));
    expect(offenders.map(rel)).toEqual([]);
  });
});

/** True when a relative import leaves the lib (or app) the file belongs to. */
function crossesLib(file: string, spec: string): boolean {
  const [kind, name] = rel(file).split('/');
  const target = rel(join(file, '..', spec));
  return !target.startsWith(`${kind}/${name}/`);
}
