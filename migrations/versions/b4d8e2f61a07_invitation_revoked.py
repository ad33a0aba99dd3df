"""Invitations can be revoked (invitation.revoked_at, revoked_by_id)

Revision ID: b4d8e2f61a07
Revises: 7c2e5a91d4b3
Create Date: 2026-11-28 08:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b4d8e2f61a07'
down_revision = '7c2e5a91d4b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('revoked_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_invitation_revoked_by_id_user'), 'user', ['revoked_by_id'], ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invitation_revoked_by_id_user'),
                                 type_='foreignkey')
        batch_op.drop_column('revoked_by_id')
        batch_op.drop_column('revoked_at')
