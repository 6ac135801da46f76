import type { z } from 'zod';
import { errorDetailsSchema, rateLimitSchema, serverEvent, sessionSchema } from './shared-schemas.js';

/** `session.created`: the first event of every connection. */
export const sessionCreatedSchema = serverEvent('session.created', () => ({ session: sessionSchema }));
/** `session.updated`: the answer to `session.update`. */
export const sessionUpdatedSchema = serverEvent('session.updated', () => ({ session: sessionSchema }));
/** `error`: a client event failed or the server had a problem; the session stays open. */
export const errorEventSchema = serverEvent('error', () => ({ error: errorDetailsSchema }));
/** `rate_limits.updated`: the limits after a response. */
export const rateLimitsUpdatedSchema = serverEvent('rate_limits.updated', (z) => ({
  rate_limits: z.array(rateLimitSchema),
}));

/** `session.created`. */
export type SessionCreatedEvent = z.infer<typeof sessionCreatedSchema>;
/** `session.updated`. */
export type SessionUpdatedEvent = z.infer<typeof sessionUpdatedSchema>;
/** `error`. */
export type ErrorEvent = z.infer<typeof errorEventSchema>;
/** `rate_limits.updated`. */
export type RateLimitsUpdatedEvent = z.infer<typeof rateLimitsUpdatedSchema>;
