import { describe, expect, it } from 'vitest';
import { sameOriginScriptUrl } from '../../../src/app/trusted-types.ts';

describe('the Trusted Types default policy', () => {
  const page = 'https://scrub.example/app/index.html';
  it("passes script URLs of the page's origin, resolved against the page", () => {
    expect(sameOriginScriptUrl('sw.js', page)).toBe('https://scrub.example/app/sw.js');
    expect(sameOriginScriptUrl('/assets/x.js', page)).toBe('https://scrub.example/assets/x.js');
  });
  it('refuses any other origin, scheme or port', () => {
    expect(sameOriginScriptUrl('https://cdn.example.org/x.js', page)).toBeNull();
    expect(sameOriginScriptUrl('//cdn.example.org/x.js', page)).toBeNull();
    expect(sameOriginScriptUrl('http://scrub.example/sw.js', page)).toBeNull();
    expect(sameOriginScriptUrl('https://scrub.example:8443/sw.js', page)).toBeNull();
    expect(sameOriginScriptUrl('data:text/javascript,alert(1)', page)).toBeNull();
    expect(sameOriginScriptUrl('blob:https://scrub.example/1234', page)).toBe('blob:https://scrub.example/1234');
  });
});
