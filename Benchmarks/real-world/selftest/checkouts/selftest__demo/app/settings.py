import os

DATABASE_URL = os.environ["DATABASE_URL"]
config = dict(os.environ)
WEBHOOK_SIGNING_SECRET = config.get("WEBHOOK_SIGNING_SECRET")
