import { isIP } from "node:net";

export interface ClientIpOptions {
  /** TRUST_PROXY: a reverse proxy we control sets X-Forwarded-For. */
  trustProxy: boolean;
  /** The peer address of the TCP connection, when the transport exposes it. */
  socketAddress?: string | null;
}

/**
 * The address rate limits key on. X-Forwarded-For is written by whoever sends
 * the request, so it is read only behind a trusted proxy, and then only its
 * last entry: the one our proxy appended (earlier entries are the client's to
 * invent). Without a trusted proxy we use the socket address, or nothing.
 */
export function clientIpFromHeaders(headers: Headers, options: ClientIpOptions): string | null {
  if (options.trustProxy) {
    const forwardedFor = headers.get("x-forwarded-for");
    const last = forwardedFor?.split(",").at(-1)?.trim();
    if (last && isIP(last)) return last;
  }
  const socketAddress = options.socketAddress?.trim();
  return socketAddress && isIP(socketAddress) ? socketAddress : null;
}
