import { z } from "zod";
import { entityIdSchema } from "@parley/protocol/events";
import { safeText } from "../conversations/conversations.schema.ts";

export const createAccessTokenInputSchema = z.strictObject({
  name: safeText(100)
    .transform((name) => name.trim())
    .refine((name) => name.length > 0, "Give the token a name"),
  /** Omitted: the token never expires (until revoked). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateAccessTokenInput = z.input<typeof createAccessTokenInputSchema>;

export const revokeAccessTokenInputSchema = z.strictObject({ tokenId: entityIdSchema });
export type RevokeAccessTokenInput = z.input<typeof revokeAccessTokenInputSchema>;

export const accessTokenSummarySchema = z.object({
  id: entityIdSchema,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  isRevoked: z.boolean(),
});
export type AccessTokenSummary = z.infer<typeof accessTokenSummarySchema>;

export const createdAccessTokenSchema = accessTokenSummarySchema.extend({
  /** The secret, shown once: only its SHA-256 is stored. */
  token: z.string(),
});
export type CreatedAccessToken = z.infer<typeof createdAccessTokenSchema>;
