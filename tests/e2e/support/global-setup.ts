import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

/**
 * Builds the app in test mode (the test hook and the headset emulator are compiled in) and serves it
 * on localhost for the whole run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await build({ mode: 'test', logLevel: 'warn', build: { outDir: 'dist-test', emptyOutDir: true } });
  const server = await preview({ mode: 'test', logLevel: 'warn', build: { outDir: 'dist-test' }, preview: { port: 0, host: '127.0.0.1' } });
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
