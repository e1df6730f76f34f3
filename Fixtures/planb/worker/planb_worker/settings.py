"""Worker settings.

Everything comes from the environment; see os.environ["DOCSTRING_IS_NOT_A_READER"] in the docs.
"""
import os
from os import environ, getenv

DATABASE_URL = os.environ["DATABASE_URL"]
POSTMARK_SERVER_TOKEN = os.getenv("POSTMARK_SERVER_TOKEN", "")
STRIPE_SECRET_KEY = environ.get("STRIPE_SECRET_KEY")
SENTRY_DSN = getenv('SENTRY_DSN')
# os.environ["COMMENTED_OUT_READER"]
os.environ.setdefault("TZ", "UTC")
