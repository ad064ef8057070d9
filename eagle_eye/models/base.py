"""What every table module shares."""

from __future__ import annotations

from enum import Enum

import sqlalchemy as sa


def str_enum(enum: type[Enum]) -> sa.Enum:
    """A string column holding the member values: no native ENUM, so adding a member needs no migration."""
    return sa.Enum(enum, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])
