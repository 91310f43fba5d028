/** GMCP package rules both transports share. */

/** Top-level packages sent only to clients that listed them in Core.Supports (as telnet's TelnetConnection does). */
export const GATED_GMCP_PACKAGES: ReadonlySet<string> = new Set(['char', 'room']);

export function topLevelPackage(pkg: string): string {
  const dot = pkg.indexOf('.');
  return (dot < 0 ? pkg : pkg.slice(0, dot)).toLowerCase();
}

/** Core.* messages are the protocol's own (Hello, Supports, Ping): the transport handles them, the game never sees them. */
export function isCoreGmcp(pkg: string): boolean {
  return topLevelPackage(pkg) === 'core';
}
