// Pure security policy shared by the Electron main process and the browser test host: the
// Content-Security-Policy, which URLs the app may load, and which IPC senders are trusted.
// No electron import here, so it is unit-tested in plain Node.

/** The renderer's origin: a custom privileged scheme serving dist/renderer. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://renderer';

/** Sent as a header on every renderer response. MUI/emotion inject <style> tags: 'unsafe-inline' styles only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Schemes the app may request: its own files, devtools and inline data. Everything else (http,
 * https, ws, ftp, file …) is refused: the app is offline by design. */
const ALLOWED_SCHEMES = new Set([`${APP_SCHEME}:`, 'devtools:', 'data:', 'blob:']);

export function isAllowedRequestUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!ALLOWED_SCHEMES.has(parsed.protocol)) return false;
  // Our scheme only for our own host; devtools/data/blob carry no host we could check.
  return parsed.protocol !== `${APP_SCHEME}:` || parsed.host === 'renderer';
}

/** Whether a navigation target stays inside the app (anything else is blocked). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'renderer';
  } catch {
    return false;
  }
}

export interface IpcSender {
  /** URL of the frame that sent the message (null when the frame is gone). */
  frameUrl: string | null | undefined;
  /** Whether the sending frame is the top frame (iframes are never trusted). */
  isMainFrame: boolean;
  /** id of the sending webContents. */
  webContentsId: number;
}

/** Trusted = the top frame of our own main window, showing our own renderer. */
export function isTrustedSender(sender: IpcSender, mainWebContentsId: number | null): boolean {
  if (mainWebContentsId === null || sender.webContentsId !== mainWebContentsId) return false;
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  return sender.frameUrl.startsWith(`${APP_ORIGIN}/`) && isAppUrl(sender.frameUrl);
}
