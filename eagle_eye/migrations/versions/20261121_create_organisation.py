"""create the organisation registry

Revision ID: 0001_organisation
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001_organisation"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("org_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("org_type", sa.Enum("pao", "city", "town", "subdistrict", "sao", "other",
                                      name="orgtype", native_enum=False, length=16), nullable=False),
        sa.Column("province", sa.String(length=100), nullable=False),
        sa.Column("district", sa.String(length=100), nullable=False),
        sa.Column("websites", sa.JSON(), nullable=False),
        sa.Column("start_pages", sa.JSON(), nullable=False),
        sa.Column("coordinator_name", sa.String(length=200), nullable=False),
        sa.Column("coordinator_email", sa.String(length=254), nullable=False),
        sa.Column("coordinator_phone", sa.String(length=40), nullable=False),
        sa.Column("province_coordinator_email", sa.String(length=254), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("org_id"),
    )
    op.create_index("ix_organisation_province", "organisation", ["province"])


def downgrade() -> None:
    op.drop_index("ix_organisation_province", table_name="organisation")
    op.drop_table("organisation")
