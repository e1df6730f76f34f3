from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """API settings, read from the environment (prefix PLANB_)."""

    model_config = SettingsConfigDict(env_prefix="PLANB_", env_file=".env")

    database_url: str
    stripe_secret_key: SecretStr = Field(validation_alias="STRIPE_SECRET_KEY")
    debug: bool = False
    _cache: dict = {}

    def dsn(self) -> str:
        local_only: str = "not a field"
        return self.database_url


class LegacySettings(BaseSettings):
    sentry_dsn: str = ""

    class Config:
        env_prefix = "LEGACY_"


class NotSettings:
    plain_field: str = "x"
