import os

MAILER_API_KEY = os.environ["MAILER_API_KEY"]
LOG_LEVEL = os.environ.get("LOG_LEVEL", "info")
