// Set by vite.config.ts (`define`) from package.json; absent where the file runs unbundled (unit tests).
declare const __APP_VERSION__: string | undefined;

/** The app's version, written into recordings and compared on replay. */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'unknown';
