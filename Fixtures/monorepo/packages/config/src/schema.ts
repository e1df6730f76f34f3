import { z } from "zod";

// Parsed once at start-up; a missing variable fails loudly here instead of at first use.
const schema = z.object({
  REDIS_URL: z.string().url(),
  SENTRY_DSN: z.string().optional(),
  retries: z.number().default(3), // not an environment variable: lower case
  FEATURE_FLAGS: z.object({ BETA: z.boolean() }).optional(),
});

export const config = schema.parse(process.env);
