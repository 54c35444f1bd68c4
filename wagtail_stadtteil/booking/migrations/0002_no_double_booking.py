"""No double booking, by the database (DESIGN decision 3, §7).

The blocked times (with buffers) of active, i.e. confirmed, dates of one room
must not overlap, even with many app servers:

* PostgreSQL: an exclusion constraint (btree_gist). An ExclusionConstraint in
  Meta.constraints would break ``migrate`` on SQLite, so it is created here,
  only on PostgreSQL.
* SQLite: triggers that abort such an insert or update with a constraint
  error (Django raises IntegrityError, as on PostgreSQL). Writers are
  serialised by immediate transactions (``OPTIONS={"transaction_mode":
  "IMMEDIATE"}``, check W003), so the workflow's own check normally answers
  first with a clean message.

Other databases get neither; the workflow's check under the room's row lock
still applies there.
"""

from django.db import migrations

NAME = "stadtteil_booking_no_double_booking"
TABLE = "stadtteil_booking_bookingdate"

SQLITE_CHECK = f"""
FOR EACH ROW WHEN NEW.active
BEGIN
    SELECT RAISE(ABORT, '{NAME}')
    WHERE EXISTS (
        SELECT 1 FROM {TABLE} AS other
        WHERE other.active AND other.room_id = NEW.room_id AND other.id != NEW.id
        AND other.blocked_from < NEW.blocked_until AND other.blocked_until > NEW.blocked_from
    );
END
"""


def create_constraint(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # btree_gist lets a GiST index compare room ids with "=" next to
        # ranges; it is a trusted extension (PostgreSQL 13+), so the
        # database owner may create it.
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(
            f"ALTER TABLE {TABLE} ADD CONSTRAINT {NAME} EXCLUDE USING gist "
            "(room_id WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&) "
            "WHERE (active)"
        )
    elif vendor == "sqlite":
        schema_editor.execute(f"CREATE TRIGGER {NAME}_insert BEFORE INSERT ON {TABLE} {SQLITE_CHECK}")
        schema_editor.execute(
            f"CREATE TRIGGER {NAME}_update BEFORE UPDATE OF active, room_id, blocked_from, "
            f"blocked_until ON {TABLE} {SQLITE_CHECK}"
        )


def drop_constraint(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP CONSTRAINT IF EXISTS {NAME}")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {NAME}_insert")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {NAME}_update")


class Migration(migrations.Migration):
    dependencies = [("stadtteil_booking", "0001_initial")]

    operations = [migrations.RunPython(create_constraint, drop_constraint, elidable=False)]
