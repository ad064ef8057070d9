"""an index on incident (opened_at, id), including org_id on PostgreSQL, for the dashboard

Revision ID: 0006_incident_opened_at
Revises: 0005_users
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op


revision = '0006_incident_opened_at'
down_revision = '0005_users'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the incident list pages newest first (opened_at desc, id desc): without this index every
    # page, deep ones most, sorted all the incidents in scope. A plain CREATE INDEX, not
    # CONCURRENTLY: migrations run in one transaction under an advisory lock (eagle_eye.db), and
    # 100,000 incidents index in well under a second, writes to incident waiting that long.
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_opened_at'), ['opened_at', 'id'], unique=False,
                              postgresql_include=['org_id'])


def downgrade() -> None:
    with op.batch_alter_table('incident', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_opened_at'))
