#!/bin/sh
# Local runs take their variables from Doppler's dev config.
doppler run -p platforms -c dev -- python -m worker.jobs
