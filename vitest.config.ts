import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The app's version, which recordings carry (src/app/app-version.ts).
  define: { __APP_VERSION__: JSON.stringify(JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version) },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
