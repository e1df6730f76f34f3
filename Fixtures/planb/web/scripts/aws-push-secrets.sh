#!/usr/bin/env bash
# Pushes .env.local to SSM for a fresh environment: ./scripts/aws-push-secrets.sh planb
set -euo pipefail
prefix="/${1:-planb}"

SECRETS=(
  STRIPE_SECRET_KEY
  STRIPE_WEBHOOK_SECRET
  POSTMARK_SERVER_TOKEN
  LAMBDA_CALLBACK_TOKEN
  LAMBDA_GETSCHEDULES_TOKEN
)

for key in "${SECRETS[@]}"; do
  value="$(grep "^${key}=" .env.local | cut -d= -f2-)"
  aws ssm put-parameter --name "/planb/${key}" --type SecureString \
    --value "$value" --overwrite
done

aws secretsmanager create-secret --name planb/supabase --secret-string file://supabase.json
aws secretsmanager create-secret --name planb/worker --secret-string file://worker.json
gh secret set AWS_DEPLOY_ROLE_ARN --body "$AWS_DEPLOY_ROLE_ARN"
bao kv put secret/planb/worker DATABASE_URL="$DATABASE_URL" SENTRY_DSN=@sentry.txt
