// Every web contents the app creates gets the guards: navigation stays inside the app, new
// windows and <webview> are refused, permissions are denied, and only allowlisted https links
// reach the system browser.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { App, WebContents } from 'electron';
import { APP_ORIGIN, trustedOrigins } from '../../electron/main/origin';
import { installSecurityGuards } from '../../electron/main/security';
import { MockWebContents, app, mockEvent, resetElectronMock } from './electron-mock';

const HOSTILE = [
  'https://app.evil.example',
  'https://app.evil.example/index.html',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'app://x/%2e%2e/secret',
  'app://steward.evil.example/index.html',
  'app://steward:81/index.html',
  'app://user@steward/index.html',
  'http://gdpr-info.eu',
  'http://gdpr-info.eu/art-5-gdpr/',
  'https://gdpr-info.eu.evil.example',
  'https://gdpr-info.eu.evil.example/art-5-gdpr/',
  'https://evilgdpr-info.eu/',
  'https://user:pw@gdpr-info.eu/',
  'https://gdpr-info.eu@evil.example/',
  'http://localhost:5173/',
  'about:blank',
  'not a url',
];
const ALLOWED_EXTERNAL = 'https://gdpr-info.eu/art-5-gdpr/';

function setup(devServerUrl?: string) {
  const openExternal = vi.fn(async (_url: string) => undefined);
  const logError = vi.fn();
  installSecurityGuards(app as unknown as App, {
    origins: trustedOrigins(devServerUrl),
    openExternal,
    logError,
  });
  const contents = new MockWebContents();
  app.emit('web-contents-created', mockEvent(), contents as unknown as WebContents);
  return { contents, openExternal, logError };
}

/** A will-navigate / will-redirect event as Electron 45 sends it: the URL is on the event. */
const navigation = (url: string) => mockEvent({ url });

/** Lets the promise chain inside the guard run before asserting on openExternal. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('installSecurityGuards', () => {
  beforeEach(() => resetElectronMock());

  it('guards every web contents created after installation', () => {
    const { contents } = setup();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.listenerCount('will-frame-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    expect(contents.session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(contents.session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
  });

  describe('will-navigate', () => {
    it.each(HOSTILE)('blocks %s and opens nothing', async (url) => {
      const { contents, openExternal } = setup();
      const event = navigation(url);
      contents.emit('will-navigate', event, url);
      await settle();
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
      expect(openExternal).not.toHaveBeenCalled();
    });

    it('blocks an allowlisted https link but opens it in the system browser', async () => {
      const { contents, openExternal } = setup();
      const event = navigation(ALLOWED_EXTERNAL);
      contents.emit('will-navigate', event, ALLOWED_EXTERNAL);
      await settle();
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
      expect(openExternal).toHaveBeenCalledTimes(1);
      expect(openExternal).toHaveBeenCalledWith(ALLOWED_EXTERNAL);
    });

    it.each([
      `${APP_ORIGIN}/index.html`,
      `${APP_ORIGIN}/`,
      `${APP_ORIGIN}/index.html#/training`,
      'APP://STEWARD/x',
    ])('lets the app navigate within itself (%s)', async (url) => {
      const { contents, openExternal } = setup();
      const event = navigation(url);
      contents.emit('will-navigate', event, url);
      await settle();
      expect(event.preventDefault).not.toHaveBeenCalled();
      expect(openExternal).not.toHaveBeenCalled();
    });

    it('trusts the dev server origin only when one is configured', () => {
      const dev = setup('http://localhost:5173/');
      const allowed = navigation('http://localhost:5173/index.html');
      dev.contents.emit('will-navigate', allowed, 'http://localhost:5173/index.html');
      expect(allowed.preventDefault).not.toHaveBeenCalled();
      const otherPort = navigation('http://localhost:5174/index.html');
      dev.contents.emit('will-navigate', otherPort, 'http://localhost:5174/index.html');
      expect(otherPort.preventDefault).toHaveBeenCalledTimes(1);

      resetElectronMock();
      const packaged = setup();
      const refused = navigation('http://localhost:5173/index.html');
      packaged.contents.emit('will-navigate', refused, 'http://localhost:5173/index.html');
      expect(refused.preventDefault).toHaveBeenCalledTimes(1);
    });

    it('logs (does not throw) when the system browser cannot be opened', async () => {
      const { contents, openExternal, logError } = setup();
      const failure = new Error('no browser');
      openExternal.mockRejectedValueOnce(failure);
      contents.emit('will-navigate', navigation(ALLOWED_EXTERNAL), ALLOWED_EXTERNAL);
      await settle();
      expect(logError).toHaveBeenCalledWith('openExternal', failure);
    });
  });

  describe('will-redirect and will-frame-navigate', () => {
    it.each([...HOSTILE, ALLOWED_EXTERNAL])('blocks a redirect to %s without opening it', async (url) => {
      const { contents, openExternal } = setup();
      const event = navigation(url);
      contents.emit('will-redirect', event, url);
      await settle();
      expect(event.preventDefault).toHaveBeenCalledTimes(1);
      expect(openExternal).not.toHaveBeenCalled();
    });

    it.each([...HOSTILE, ALLOWED_EXTERNAL])(
      'blocks a frame navigating to %s without opening it',
      async (url) => {
        const { contents, openExternal } = setup();
        const event = mockEvent({ url });
        contents.emit('will-frame-navigate', event);
        await settle();
        expect(event.preventDefault).toHaveBeenCalledTimes(1);
        expect(openExternal).not.toHaveBeenCalled();
      },
    );

    it('lets app-internal redirects and frame navigations through', () => {
      const { contents } = setup();
      const redirect = navigation(`${APP_ORIGIN}/index.html`);
      contents.emit('will-redirect', redirect, `${APP_ORIGIN}/index.html`);
      const frame = mockEvent({ url: `${APP_ORIGIN}/index.html` });
      contents.emit('will-frame-navigate', frame);
      expect(redirect.preventDefault).not.toHaveBeenCalled();
      expect(frame.preventDefault).not.toHaveBeenCalled();
    });
  });

  describe('window.open', () => {
    it.each([...HOSTILE, `${APP_ORIGIN}/index.html`])('denies %s and opens nothing', async (url) => {
      const { contents, openExternal } = setup();
      expect(contents.windowOpenHandler!({ url })).toStrictEqual({ action: 'deny' });
      await settle();
      expect(openExternal).not.toHaveBeenCalled();
    });

    it('denies an allowlisted https link in the app but opens it in the system browser', async () => {
      const { contents, openExternal } = setup();
      expect(contents.windowOpenHandler!({ url: ALLOWED_EXTERNAL })).toStrictEqual({ action: 'deny' });
      await settle();
      expect(openExternal).toHaveBeenCalledTimes(1);
      expect(openExternal).toHaveBeenCalledWith(ALLOWED_EXTERNAL);
    });
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = setup();
    const event = mockEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://gdpr-info.eu/' });
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'unknown',
  ])('denies the %s permission on request and on check', (permission) => {
    const { contents } = setup();
    const callback = vi.fn();
    const request = contents.session.permissionRequestHandler as unknown as (
      wc: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: unknown,
    ) => void;
    request(contents, permission, callback, { requestingUrl: `${APP_ORIGIN}/index.html` });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    const check = contents.session.permissionCheckHandler as unknown as (...args: unknown[]) => boolean;
    expect(check(contents, permission, APP_ORIGIN, {})).toBe(false);
  });
});
