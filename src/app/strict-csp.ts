/**
 * Imported first by src/main.tsx and by each module that parses with zod as it loads (chunks may run in
 * another order than main.tsx imports them): zod compiles its object parsers with the Function constructor
 * when eval is allowed, and probes for that with a caught call — which our Content-Security-Policy (no
 * 'unsafe-eval', vite.config.ts) reports as a violation. Jitless parsing makes
 * no such attempt; protocol files are small, so the speed lost does not matter.
 */
import { config } from 'zod';

config({ jitless: true });
