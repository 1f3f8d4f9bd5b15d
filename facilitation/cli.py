"""flask commands for the people who run the laptop: accounts and the first-start demo."""

from __future__ import annotations

from datetime import date

import click
from flask import Flask

from facilitation.kernel.errors import DomainError
from facilitation.organisers import service as organisers
from facilitation.security import retention


def register(app: Flask) -> None:
    """Give the app its flask commands: create-organiser, purge-expired and delete-workshop."""

    @app.cli.command("create-organiser")
    @click.argument("email")
    @click.option("--password", envvar="ORGANISER_PASSWORD", default=None, help="Generated when omitted.")
    def create_organiser_command(email: str, password: str | None) -> None:
        """Create an organiser account and print its password once."""
        organiser, password = organisers.create_organiser(email, password)
        click.echo(f"Organiser {organiser.email} created. Password: {password}")

    @app.cli.command("purge-expired")
    @click.option("--today", default=None, help="Pretend today is YYYY-MM-DD (for a dry check of what would go).")
    def purge_expired_command(today: str | None) -> None:
        """Delete every workshop whose retention date has passed, with everything that belongs to it, and erase
        what organisers removed once it can no longer be restored."""
        purged = retention.purge_expired(date.fromisoformat(today) if today else None)
        for entry in purged:
            rows = sum(entry["rows"].values())
            click.echo(f"Deleted workshop {entry['workshop_id']} ({rows} rows).")
        click.echo(f"{len(purged)} workshop(s) past their retention date deleted.")
        # What organisers removed (boards, questions, whole workshops) and can no longer restore goes for good.
        erased = retention.purge_removed()
        for entry in erased:
            click.echo(f"Erased {entry['summary']} (workshop {entry['workshop_id']}, removed {entry['removed_at']}).")
        click.echo(f"{len(erased)} removed item(s) past their undo window erased.")

    @app.cli.command("delete-workshop")
    @click.argument("workshop_id", type=int)
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def delete_workshop_command(workshop_id: int, yes: bool) -> None:
        """Delete one workshop now with its notes, answers, sign-ups and everything else it owns."""
        if not yes:
            click.confirm(f"Delete workshop {workshop_id} and everything in it, for good?", abort=True)
        try:
            rows = retention.erase_workshop(workshop_id)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        click.echo(f"Deleted workshop {workshop_id}: " + ", ".join(f"{n} {table}" for table, n in sorted(rows.items())))
