import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

/**
 * Builds the app in test mode (the test hook and the headset emulator are compiled in) and serves it
 * on localhost for the whole run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // SCRUB_TEST_OUT_DIR lets two runs share a checkout without overwriting each other's build.
  const outDir = process.env.SCRUB_TEST_OUT_DIR ?? 'dist-test';
  await build({ mode: 'test', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server = await preview({ mode: 'test', logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its URL');
  project.provide('baseUrl', url);
  return async () => {
    await server.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
