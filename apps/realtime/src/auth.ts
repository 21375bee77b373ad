import { isDomainError } from "@parley/api/errors";
import { verifyRealtimeToken } from "@parley/api/realtime/realtime-token";

export type HelloVerdict = { isAuthenticated: true; userId: string } | { isAuthenticated: false; message: string };

export type HelloAuthenticator = (token: string) => Promise<HelloVerdict>;

/**
 * Checks the token a socket presents in `hello`. Only a refused token is a
 * verdict; anything else (a misconfigured secret) is the server's fault and
 * propagates.
 */
export function createHelloAuthenticator(secret: string, now: () => Date = () => new Date()): HelloAuthenticator {
  return async (token) => {
    try {
      const { userId } = await verifyRealtimeToken(secret, token, now());
      return { isAuthenticated: true, userId };
    } catch (error) {
      if (isDomainError(error) && error.code === "UNAUTHENTICATED") return { isAuthenticated: false, message: error.message };
      throw error;
    }
  };
}
