#!/usr/bin/env bash
# One-off: copy the platform secrets from the operator's shell.
set -euo pipefail
fly secrets set STRIPE_SECRET_KEY="$STRIPE_SECRET_KEY" PLANB_DATABASE_URL="$DATABASE_URL" --app planb-api
echo -n "$SENTRY_AUTH_TOKEN" | vercel env add SENTRY_AUTH_TOKEN production
