#!/bin/sh
# Doppler is the source: copy the worker's secrets into the Fly.io app.
fly secrets set MAILER_API_KEY="$(doppler secrets get MAILER_API_KEY --plain -p platforms -c prd)" -a platforms-worker
