#!/usr/bin/env bash
# Seeds /planb-staging/ with every name in .env.example; values come from the operator's shell.
set -euo pipefail
while IFS='=' read -r key _; do
  [[ -z "$key" || "$key" == \#* ]] && continue
  aws ssm put-parameter --name "/planb-staging/$key" --type SecureString \
    --value "${!key}" --overwrite
done < .env.example
gh secret set "$GH_SECRET_NAME" --body "$TOKEN"
