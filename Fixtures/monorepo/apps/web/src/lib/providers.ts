import { requireEnv } from "./require-env";

// Which variable holds each provider's API key; the lookup below reads all of them.
const PROVIDER_KEY_VARS = {
  stripe: "STRIPE_SECRET_KEY",
  postmark: "POSTMARK_SERVER_TOKEN",
  ga4: "GA4_API_SECRET",
} as const;

export function apiKey(provider: keyof typeof PROVIDER_KEY_VARS): string {
  return requireEnv(PROVIDER_KEY_VARS[provider]);
}

export const webhookSecret = requireEnv("STRIPE_WEBHOOK_SECRET");
