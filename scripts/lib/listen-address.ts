/** Where `npm start` listens, and how it reaches what it started. */

/** Loopback unless HOST says otherwise (HOST=0.0.0.0 exposes the servers to the network). */
export function listenHost(env: NodeJS.ProcessEnv): string {
  return env.HOST?.trim() || "127.0.0.1";
}

/** The host part of a URL that reaches a server listening on `host`: a wildcard is reached through loopback. */
export function reachableHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
