#!/usr/bin/env node
// Runs the browser tests in Debian's Chromium (never a downloaded browser). If Chromium is missing,
// installs it with apt when running as root, and otherwise stops with the command to run.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.SCRUB_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL = 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium';

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() === 0) {
    console.log(`Chromium not found at ${CHROMIUM}: installing Debian's chromium with apt…`);
    execSync(INSTALL, { stdio: 'inherit', shell: '/bin/bash' });
  } else {
    console.error(`The browser tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n\n  sudo sh -c '${INSTALL}'\n`);
    process.exit(1);
  }
}

const result = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
