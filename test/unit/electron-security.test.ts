// The Electron shell's security policy: network allow-list, navigation, IPC sender check, CSP.
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedRequestUrl, isAppUrl, isTrustedSender } from '../../electron/security';

describe('isAllowedRequestUrl', () => {
  it.each([
    'app://renderer/index.html',
    'app://renderer/assets/index-abc123.js',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://renderer/6c7a1f0e-1234',
  ])('allows %s', (url) => expect(isAllowedRequestUrl(url)).toBe(true));

  it.each([
    'http://example.com/',
    'https://fonts.googleapis.com/css?family=Roboto',
    'ws://127.0.0.1:9229/',
    'wss://example.com/socket',
    'ftp://example.com/file',
    'file:///etc/passwd',
    'app://evil/index.html',
    'chrome://settings',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedRequestUrl(url)).toBe(false));
});

describe('isAppUrl', () => {
  it('accepts only our own app://renderer origin', () => {
    expect(isAppUrl('app://renderer/index.html#/schedule')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://renderer/index.html')).toBe(false);
    expect(isAppUrl('javascript:alert(1)')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const ours = { frameUrl: 'app://renderer/index.html', isMainFrame: true, webContentsId: 7 };
  it('trusts the top frame of our main window showing our renderer', () => {
    expect(isTrustedSender(ours, 7)).toBe(true);
  });
  it('refuses another window, an iframe, a foreign page, a vanished frame, or no main window', () => {
    expect(isTrustedSender({ ...ours, webContentsId: 8 }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, isMainFrame: false }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'https://example.com/' }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'app://renderer.evil/index.html' }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'file:///tmp/index.html' }, 7)).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: null }, 7)).toBe(false);
    expect(isTrustedSender(ours, null)).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  it('allows scripts only from the app itself, and no plugins, framing or base rewriting', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });
  it("permits inline styles (MUI/emotion) but never inline or eval'd scripts", () => {
    expect(directives.get('style-src')).toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  });
});
