import os
from dataclasses import dataclass


@dataclass
class BillingConfig:
    api_base: str = "https://api.stripe.com/v1/billing"
    partner_key: str = "AdIhJ2pXlCidKnti2dqFc2y3uJnkEMKVm6_FK_1_iL5Sxx6DzV1mdUGbXRz93875saBGT"
    retries: int = 3


def describe():
    return f"stripe key set: {bool(os.environ['STRIPE_SECRET_KEY'])}, webhook: {os.environ.get('STRIPE_WEBHOOK_SECRET') is not None}"


def legacy():
    """Old path: used os.getenv("LEGACY_STRIPE_KEY") before 2024."""
    return None
