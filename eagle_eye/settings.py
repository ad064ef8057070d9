"""One settings object, read from ``EAGLE_EYE_*`` environment variables when asked for.

Nothing here runs at import: call :func:`get_settings` (or build ``Settings()``)
where the program starts and pass the object down.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from eagle_eye.errors import ConfigError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EAGLE_EYE_", extra="ignore")

    #: Where everything Eagle Eye writes at rest lives (database, caches, reports).
    data_dir: Path = Path("data")

    #: SQLAlchemy URL of the database; unset means SQLite at DATA_DIR/eagle_eye.db.
    #: e.g. postgresql://eagle@db/eagle_eye (a secret: it may hold a password).
    database_url: SecretStr | None = None
    #: how long a crawl worker keeps trying to store a document while the database is away
    #: (restarted, failed over) before it records the document as not stored
    db_retry_s: float = Field(default=60.0, ge=0)

    #: HMAC key for fingerprints. Unset means an ephemeral per-process key:
    #: fingerprints are then comparable within one run only.
    fingerprint_key: SecretStr | None = None

    #: X4 rule: an identifier counts as masked when at least this many digits are hidden.
    mask_min_hidden: int = Field(default=4, ge=1, le=13)
    #: Stricter, optional: at most this many digits may stay visible (PDPC's own example keeps 4).
    mask_max_visible: int | None = Field(default=None, ge=0, le=13)

    #: Extraction limits, per file.
    max_file_bytes: int = Field(default=64 * 1024 * 1024, ge=1024)
    max_pages: int = Field(default=2000, ge=1)
    extract_timeout_s: float = Field(default=120.0, gt=0)
    #: Decompressed size cap for zip-based formats (DOCX, XLSX, ODS): zip-bomb guard.
    max_unzipped_bytes: int = Field(default=256 * 1024 * 1024, ge=1024)

    #: Pixels per image at most (decompression-bomb guard; Pillow's own default).
    max_image_pixels: int = Field(default=89_478_485, ge=1_000_000)

    ocr_enabled: bool = True
    ocr_languages: str = "tha+eng"
    ocr_dpi: int = Field(default=200, ge=72, le=600)
    ocr_timeout_s: float = Field(default=60.0, gt=0)
    #: Pages OCR'd per file at most; the rest are reported as not read.
    ocr_max_pages: int = Field(default=50, ge=0)

    #: Log level of long-running commands (crawl, scheduler): DEBUG, INFO, WARNING, ERROR.
    log_level: str = Field(default="INFO", pattern="^(DEBUG|INFO|WARNING|ERROR)$")

    #: Crawling: politeness. The User-Agent carries a contact so webmasters can reach us.
    crawl_contact: str = "pdpa-eagle-eye@example.org"
    crawl_concurrency_per_host: int = Field(default=2, ge=1, le=8)
    #: Requests in flight per crawl process, over all hosts. With Redis, also how many requests
    #: one process takes from the shared queue ahead of time.
    crawl_concurrency: int = Field(default=32, ge=1, le=512)
    crawl_download_timeout_s: float = Field(default=30.0, gt=0)
    crawl_retries: int = Field(default=2, ge=0, le=10)
    #: Crawling: safety budgets, per organisation and per crawl.
    crawl_max_pages_per_org: int = Field(default=5000, ge=1)
    crawl_max_bytes_per_org: int = Field(default=2 * 1024**3, ge=1024)
    crawl_depth_limit: int = Field(default=8, ge=0)
    #: URLs of one shape (digits ignored) per organisation: endless calendars stop here.
    crawl_max_urls_per_pattern: int = Field(default=60, ge=1)
    #: Extraction processes for the crawl; 0 means one per CPU.
    crawl_workers: int = Field(default=0, ge=0)
    #: Redis (redis://host:6379/0): the crawl spans several processes or machines (scrapy-redis).
    redis_url: SecretStr | None = None
    #: With Redis, a process leaves the crawl once the shared queue has been empty this long.
    crawl_idle_close_s: float = Field(default=10.0, gt=0)

    #: Scheduler: every organisation is crawled once per period, crawls spread over it.
    crawl_period_hours: float = Field(default=24.0, gt=0)
    #: The period is cut into slots this long; a slot's organisations are crawled together.
    crawl_slot_minutes: float = Field(default=15.0, gt=0)
    #: Crawl processes the scheduler runs at a time (a slot that overruns into the next).
    crawl_parallel: int = Field(default=2, ge=1)
    #: Render pages whose content only appears after their scripts run (Chromium, only where needed).
    crawl_javascript: bool = True
    chromium_path: Path = Path("/usr/bin/chromium")
    #: Lift the guard against loopback, private, link-local and metadata addresses (tests, demos).
    allow_private_hosts: bool = False

    #: The dashboard as coordinators reach it: links in emails are built on it.
    dashboard_url: str = "http://localhost:8000"
    #: Signs the acknowledge links in emails. Needed to queue alerts; keep it stable, or links
    #: already sent stop working.
    secret_key: SecretStr | None = None
    #: Acknowledge links work this long after they were sent.
    ack_link_days: int = Field(default=60, ge=1)

    #: Email. Unset host: alerts wait in the outbox until one is set.
    smtp_host: str = ""
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    smtp_timeout_s: float = Field(default=30.0, gt=0)
    mail_from: str = "Eagle Eye <eagle-eye@localhost>"
    #: The Department of Local Administration's address for the weekly aggregate report
    #: (``eagle-eye report weekly --email`` and the scheduler); unset, the report is not sent.
    dla_email: str = ""

    #: The scheduler delivers the outbox this often.
    alert_send_every_s: float = Field(default=60.0, gt=0)
    #: Delivery: a failed send is retried after base * 2^(attempt-1) seconds, at most max,
    #: until max_attempts; then the message is marked failed for a person to look at.
    alert_retry_base_s: float = Field(default=60.0, gt=0)
    alert_retry_max_s: float = Field(default=3600.0, gt=0)
    alert_max_attempts: int = Field(default=48, ge=1)
    #: A message claimed by a sender that has not reported back in this long is sent again
    #: (same Message-ID): the sender died between the server accepting it and recording that.
    alert_send_lease_s: float = Field(default=300.0, gt=0)

    #: Follow-up: remind the coordinator this often while not acknowledged or not remediated;
    #: tell the province coordinator once not remediated this long after the first email.
    alert_reminder_hours: float = Field(default=24.0, gt=0)
    alert_escalate_hours: float = Field(default=72.0, gt=0)
    #: Re-fetch the documents of open incidents this often to verify remediation.
    alert_verify_hours: float = Field(default=6.0, gt=0)
    #: A remediated incident with no recurrence this long is closed.
    alert_close_after_days: float = Field(default=30.0, gt=0)
    #: Hour of the day (Thailand time) of the daily digest to each province coordinator.
    alert_digest_hour: int = Field(default=8, ge=0, le=23)

    #: Masked evidence no longer online (gone findings and documents, sent emails) is purged after
    #: this many days (daily, by the scheduler; or `eagle-eye purge`). Unset keeps everything.
    retention_days: int | None = Field(default=None, ge=1)

    @field_validator("fingerprint_key", "database_url", "redis_url", "secret_key", "smtp_password", mode="before")
    @classmethod
    def _empty_key_is_unset(cls, value: object) -> object:
        return None if value in ("", None) else value

    @field_validator("data_dir")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    def fingerprint_key_bytes(self) -> bytes:
        """The HMAC key as bytes: the UTF-8 bytes of EAGLE_EYE_FINGERPRINT_KEY."""
        if self.fingerprint_key is None:
            return _ephemeral_key()
        return self.fingerprint_key.get_secret_value().encode("utf-8")

    @property
    def fingerprint_key_is_ephemeral(self) -> bool:
        return self.fingerprint_key is None

    def secret_key_bytes(self) -> bytes:
        if self.secret_key is None:
            raise ConfigError("EAGLE_EYE_SECRET_KEY is not set: it signs the acknowledge links in alert emails")
        return self.secret_key.get_secret_value().encode("utf-8")


_EPHEMERAL: list[bytes] = []


def _ephemeral_key() -> bytes:
    # One random key per process, so fingerprints inside one run still group.
    if not _EPHEMERAL:
        _EPHEMERAL.append(secrets.token_bytes(32))
    return _EPHEMERAL[0]


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment now (never cached at import).

    Raises ConfigError naming the variable, for the CLI to print as one line.
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"EAGLE_EYE_{str(err['loc'][0]).upper()}: {err['msg']}" for err in exc.errors(include_input=False)
        )
        raise ConfigError(f"invalid setting: {problems}") from None
