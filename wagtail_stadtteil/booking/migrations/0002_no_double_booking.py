"""No double booking, by the database (DESIGN decision 3, §7).

On PostgreSQL an exclusion constraint keeps the blocked times (with buffers)
of active, i.e. confirmed, dates of one room apart, even with many app
servers. An ExclusionConstraint in Meta.constraints would break ``migrate``
on SQLite, so it is created here, only on PostgreSQL. On SQLite the same rule
holds through the room lock and immediate write transactions
(``OPTIONS={"transaction_mode": "IMMEDIATE"}``, see the system check W003).
"""

from django.db import migrations

CONSTRAINT = "stadtteil_booking_no_double_booking"
TABLE = "stadtteil_booking_bookingdate"


def create_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # btree_gist lets a GiST index compare room ids with "=" next to ranges;
    # it is a trusted extension (PostgreSQL 13+), so the database owner may
    # create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE {TABLE} ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        "(room_id WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&) "
        "WHERE (active)"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("stadtteil_booking", "0001_initial")]

    operations = [migrations.RunPython(create_constraint, drop_constraint, elidable=False)]
