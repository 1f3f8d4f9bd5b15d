"""flask commands for the people who run the laptop: accounts and the first-start demo."""

from __future__ import annotations

from datetime import date

import click
from flask import Flask

from facilitation.kernel.errors import DomainError
from facilitation.organisers import service as organisers
from facilitation.security import retention
from facilitation.workshops import demo


def register(app: Flask) -> None:
    """Give the app its flask commands: create-organiser, set-password, end-sessions, remove-organiser,
    purge-expired, delete-workshop and seed-demo."""

    @app.cli.command("seed-demo")
    @click.option(
        "--notes", type=click.IntRange(1, 5000), default=None, help="Notes on the tree (about 120 if omitted)."
    )
    @click.option("--email", default=None, help="The organiser who owns it (the first organiser if omitted).")
    def seed_demo_command(notes: int | None, email: str | None) -> None:
        """Add another demo workshop, as full as the day (or fuller, to try volume), its themes found."""
        organiser_id = demo.demo_owner(email)
        if organiser_id is None:
            raise click.ClickException("No such organiser; create one first (flask create-organiser EMAIL).")
        workshop = demo.seed_demo(organiser_id, notes)
        click.echo(f"Demo workshop {workshop.id} created: {workshop.title}, join code {workshop.join_code}.")

    @app.cli.command("create-organiser")
    @click.argument("email")
    @click.option("--password", envvar="ORGANISER_PASSWORD", default=None, help="Generated when omitted.")
    def create_organiser_command(email: str, password: str | None) -> None:
        """Create an organiser account and print its password once."""
        organiser, password = organisers.create_organiser(email, password)
        click.echo(f"Organiser {organiser.email} created. Password: {password}")

    @app.cli.command("set-password")
    @click.argument("email")
    @click.option("--password", default=None, help="Asked for (hidden, twice) when omitted.")
    def set_password_command(email: str, password: str | None) -> None:
        """Give an organiser a new password; every session they had ends, and any sign-in wait is lifted."""
        if password is None:
            password = click.prompt("New password", hide_input=True, confirmation_prompt=True)
        try:
            organiser = organisers.set_password(email, password)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        click.echo(f"Password of {organiser.email} changed; every session of theirs has ended.")

    @app.cli.command("end-sessions")
    @click.argument("email")
    def end_sessions_command(email: str) -> None:
        """Sign an organiser out everywhere (a lost tablet, a shared laptop), their open pages included."""
        try:
            dropped = organisers.end_organiser_sessions(email)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        click.echo(f"Every session of {email.strip().lower()} has ended ({len(dropped)} open page(s) closed).")

    @app.cli.command("remove-organiser")
    @click.argument("email")
    @click.option("--transfer-to", default=None, metavar="EMAIL", help="Give their workshops to this organiser.")
    @click.option("--delete-workshops", is_flag=True, help="Erase their workshops and everything in them.")
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def remove_organiser_command(email: str, transfer_to: str | None, delete_workshops: bool, yes: bool) -> None:
        """Remove an organiser account and end its sessions. One who owns workshops needs --transfer-to or
        --delete-workshops: a workshop is never left without an owner."""
        if not yes:
            fate = (
                f", giving their workshops to {transfer_to}"
                if transfer_to
                else ", erasing their workshops for good"
                if delete_workshops
                else ""
            )
            click.confirm(f"Remove organiser {email}{fate}?", abort=True)
        try:
            removed = organisers.remove_organiser(email, transfer_to=transfer_to, delete_workshops=delete_workshops)
        except DomainError as error:
            raise click.ClickException(error.message) from None
        outcome = ""
        if removed["workshops_to"]:
            outcome = f"; {len(removed['workshops'])} workshop(s) now belong to {removed['workshops_to']}"
        elif removed["workshops_deleted"]:
            outcome = f"; {len(removed['workshops'])} workshop(s) erased"
        click.echo(f"Organiser {removed['email']} removed{outcome}.")

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
