/**
 * Builds the app as shipped and checks what it carries: the figures of docs/performance.md (initial JS
 * gzip, the service worker's precache) and the things a production bundle must not hold — the headset
 * emulator (IWER and @react-three/xr's emulator rooms), the browser-test hook, the scripted-mistake
 * recordings, the controller models — and that its Content-Security-Policy allows no inline or eval'd script.
 *
 *   npm run bundle                             (builds into dist/, prints the figures, exits 1 on a finding)
 *   npx tsx scripts/bundle-check.ts --no-build (inspects an existing dist/)
 *
 * tests/unit/build/production-bundle.test.ts runs the same checks.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';

/** Text that only the emulator, the test hook or test material would put in a bundle. */
export const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: 'IWER (the headset emulator)', pattern: /installRuntime|XRDevice\b|iwer/ },
  { what: "@react-three/xr's emulator rooms", pattern: /living_room|music_room|office_large|office_small|meeting_room/ },
  { what: 'the browser-test hook', pattern: /__scrub/ },
  {
    what: 'a scripted-mistake recording',
    pattern: /\.(?:cut-unclipped|artery-unclipped|clip-bile-duct|burn-near-duct|drop-out-of-view|margin-too-small)(?:\.json)?\b/,
  },
];

export interface BundleFacts {
  files: { path: string; bytes: number }[];
  /** The scripts index.html loads before the app runs (entry and modulepreloads): bytes and gzip bytes. */
  initialJs: { files: string[]; bytes: number; gzip: number };
  /** What the service worker precaches. */
  precache: { entries: number; bytes: number; urls: string[] };
  csp: string | null;
  findings: string[];
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function inspectBuild(outDir: string): BundleFacts {
  const files = walk(outDir).map((p) => ({ path: relative(outDir, p).replaceAll('\\', '/'), bytes: statSync(p).size }));
  const findings: string[] = [];
  for (const f of files) {
    if (f.path.endsWith('.glb') || f.path.endsWith('.gltf')) findings.push(`${f.path}: a controller model`);
    if (!/\.(js|html|json|webmanifest|css)$/.test(f.path)) continue;
    const text = readFileSync(join(outDir, f.path), 'utf8');
    for (const { what, pattern } of FORBIDDEN) {
      const m = pattern.exec(text);
      if (m) findings.push(`${f.path}: ${what} ('${text.slice(Math.max(0, m.index - 40), m.index + 40)}')`);
    }
  }

  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<script[^>]*\ssrc="\/?([^"]+)"|<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+)"/g)].map((m) => (m[1] ?? m[2])!);
  let bytes = 0;
  let gzip = 0;
  for (const path of initial) {
    const data = readFileSync(join(outDir, path));
    bytes += data.length;
    gzip += gzipSync(data, { level: 9 }).length;
  }

  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? null;
  if (!csp) findings.push('index.html: no Content-Security-Policy');
  else {
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src ([^;]*)/.exec(csp)?.[1] ?? '';
    if (/unsafe-inline|unsafe-eval|data:|\*/.test(scriptSrc)) findings.push(`index.html: script-src allows ${scriptSrc}`);
    if (!/(?:^|;)\s*require-trusted-types-for 'script'/.test(csp)) findings.push('index.html: Trusted Types are not required for script');
  }
  if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) findings.push('index.html: an inline script');

  const sw = files.some((f) => f.path === 'sw.js') ? readFileSync(join(outDir, 'sw.js'), 'utf8') : '';
  if (!sw) findings.push('no service worker (sw.js)');
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
  const sizes = new Map(files.map((f) => [f.path, f.bytes]));
  const precacheBytes = urls.reduce((sum, url) => sum + (sizes.get(url) ?? 0), 0);
  for (const path of [...initial, 'index.html']) if (sw && !urls.includes(path)) findings.push(`${path} is not precached`);

  return { files, initialJs: { files: initial, bytes, gzip }, precache: { entries: urls.length, bytes: precacheBytes, urls }, csp, findings };
}

/** `vite build` as `npm run build` does it (NODE_ENV=production: under vitest it is 'test', which Vite reads as a dev build). */
export async function buildProduction(outDir: string): Promise<void> {
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

const kB = (n: number): string => `${(n / 1000).toFixed(1)} kB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = 'dist';
  if (!process.argv.includes('--no-build')) await buildProduction(outDir);
  const facts = inspectBuild(outDir);
  console.log(`initial JS: ${facts.initialJs.files.join(', ')}: ${kB(facts.initialJs.bytes)}, gzip ${kB(facts.initialJs.gzip)}`);
  console.log(`precache: ${facts.precache.entries} entries, ${kB(facts.precache.bytes)}`);
  console.log(`all files: ${facts.files.length}, ${kB(facts.files.reduce((s, f) => s + f.bytes, 0))}`);
  console.log(`CSP: ${facts.csp}`);
  for (const f of facts.findings) console.log(`FINDING ${f}`);
  process.exit(facts.findings.length ? 1 : 0);
}
