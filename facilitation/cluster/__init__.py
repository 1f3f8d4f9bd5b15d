"""`make cluster`: PostgreSQL, Redis, several single-worker app processes and nginx in front, on one machine.

Everything lives under one folder (instance/cluster/ by default): the PostgreSQL data created with initdb on
the first start, the logs, nginx's rendered configuration and the shared SECRET_KEY. The launcher is also
what the fault tests (tests/cluster/) start, so the tests exercise exactly what a person runs.
"""
