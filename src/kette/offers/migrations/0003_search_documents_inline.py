"""PostgreSQL: keep the search documents inline in the entry rows.

Matching a broad word ("Eltern") reads the tsvector of most entries; stored
out of line (TOAST, the default for values over 2 kB) that was ten buffer
reads per entry and 300 ms at 100,000 offers. Inline (compressed, STORAGE
MAIN) it is one. The source text moves out of line instead, since only the
SQLite full-text table reads it. Nothing to do on SQLite.
"""

from django.db import migrations

ENTRY = "kette_offers_offersearchentry"
COLUMNS = ("title_doc", "summary_doc", "body_doc")


def _storage(apps, schema_editor, documents: str, text: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    changes = [f"ALTER COLUMN {column} SET STORAGE {documents}" for column in COLUMNS]
    changes.append(f"ALTER COLUMN body_terms SET STORAGE {text}")
    schema_editor.execute(f"ALTER TABLE {ENTRY} " + ", ".join(changes))


def forward(apps, schema_editor) -> None:
    _storage(apps, schema_editor, "MAIN", "EXTERNAL")


def backward(apps, schema_editor) -> None:
    _storage(apps, schema_editor, "EXTENDED", "EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("kette_offers", "0002_search_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
