"""Alembic's environment for the feedback database: run with the connection `store.migrate`
hands over (no alembic.ini, no URL here: the entry point chose the database)."""

from alembic import context

from feedback.store import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
