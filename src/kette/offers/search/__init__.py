"""Full-text search of offers (German), on SQLite FTS5 and PostgreSQL."""
