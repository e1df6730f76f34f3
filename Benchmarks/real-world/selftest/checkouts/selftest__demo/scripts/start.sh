#!/bin/sh
# Starts the app locally.
export SESSION_SECRET="${SESSION_SECRET:-local-dev-session}"
export DATABASE_URL="${DATABASE_URL:-postgres://app:app@localhost:5432/app}"
exec node server.js
