#!/bin/sh
# Puts the web app's secrets into Vercel (values on stdin).
vercel env add STRIPE_SECRET_KEY production
vercel env add INTERNAL_API_TOKEN production
vercel env add INTERNAL_API_TOKEN preview
