"""The few exceptions Eagle Eye raises on purpose.

Every one of them carries a message that is safe to show a person: it never
contains a raw identifier. The CLI turns them into a one-line error.
"""


class EagleEyeError(Exception):
    """Base class: an expected failure with a human-readable, leak-free message."""


class ConfigError(EagleEyeError):
    """A setting is missing or invalid."""


class ExtractionError(EagleEyeError):
    """A file could not be turned into text (malformed, encrypted, too big, too slow ...).

    The scan records it against the one file and goes on with the next.
    """

    def __init__(self, message: str, *, reason: str = "unreadable") -> None:
        super().__init__(message)
        #: a short machine-readable cause: unreadable, encrypted, too_large, timeout, unsupported, bomb
        self.reason = reason


class FetchError(EagleEyeError):
    """A URL could not be fetched (network error, HTTP error, over the size cap)."""


class DatabaseError(EagleEyeError):
    """The database cannot be reached or migrated."""


class RegistryError(EagleEyeError):
    """A registry file has bad rows; nothing of it was imported.

    ``problems`` holds one (line, field, message) per problem found, so a person can fix the
    whole file in one go.
    """

    def __init__(self, source: str, problems: list[tuple[int, str, str]]) -> None:
        self.source = source
        self.problems = problems
        shown = "\n".join(f"  {f'line {line}, ' if line else ''}{field}: {message}" for line, field, message in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{source}: {len(problems)} problem(s), nothing imported\n{shown}{more}")


class IncidentError(EagleEyeError):
    """An incident that does not exist, or a status change its lifecycle does not allow."""


class LinkError(EagleEyeError):
    """A signed link (acknowledge, download) that is malformed, forged or expired."""
