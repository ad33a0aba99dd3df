"""DeepL glossaries kept with the partnership (machine_glossary)

Revision ID: 7c2e5a91d4b3
Revises: 01989b9fe609
Create Date: 2026-11-30 10:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7c2e5a91d4b3'
down_revision = '01989b9fe609'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'machine_glossary',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('provider', sa.String(length=32), nullable=False),
        sa.Column('url_hash', sa.String(length=64), nullable=False),
        sa.Column('partnership_id', sa.Integer(), nullable=False),
        sa.Column('source_language', sa.String(length=8), nullable=False),
        sa.Column('target_language', sa.String(length=8), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('glossary_id', sa.String(length=128), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['partnership_id'], ['partnership.id'],
            name=op.f('fk_machine_glossary_partnership_id_partnership'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_machine_glossary')),
        sa.UniqueConstraint(
            'provider', 'url_hash', 'partnership_id', 'source_language', 'target_language',
            name='uq_machine_glossary_scope',
        ),
    )
    with op.batch_alter_table('machine_glossary', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_machine_glossary_partnership_id'), ['partnership_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('machine_glossary', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_machine_glossary_partnership_id'))

    op.drop_table('machine_glossary')
