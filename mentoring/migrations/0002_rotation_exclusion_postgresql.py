"""On PostgreSQL, the database itself refuses overlapping rotations for one trainee.

SQLite has no exclusion constraints; there the scheduling service's locked check is the guard
(SQLite runs one writer at a time). Cancelled rotations do not count.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE mentoring_rotation
    ADD CONSTRAINT rotation_trainee_no_overlap
    EXCLUDE USING gist (
        trainee_id WITH =,
        daterange(starts_on, ends_on, '[]') WITH &&
    ) WHERE (status <> 'cancelled');
"""

DROP = "ALTER TABLE mentoring_rotation DROP CONSTRAINT IF EXISTS rotation_trainee_no_overlap;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
