import { protocol } from 'electron';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../security/csp';
import { readStaticFile } from '../web/static-files';

/** The renderer is served from `maid-studio://app/`: a standard, secure origin (module workers do not run from file://). */
export const APP_SCHEME = 'maid-studio';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer on the app scheme, with the studio's CSP on every response. */
export function serveRenderer(rendererDir: string, connectOrigins: () => string[]): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app' || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const file = await readStaticFile(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.type, 'Content-Security-Policy': contentSecurityPolicy(connectOrigins()) },
    });
  });
}
