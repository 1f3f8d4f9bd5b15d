"""flask commands for the people who run the laptop: accounts and the first-start demo."""

from __future__ import annotations

import click
from flask import Flask

from .services import organisers


def register(app: Flask) -> None:
    @app.cli.command("create-organiser")
    @click.argument("email")
    @click.option("--password", envvar="ORGANISER_PASSWORD", default=None, help="Generated when omitted.")
    def create_organiser_command(email: str, password: str | None) -> None:
        """Create an organiser account and print its password once."""
        organiser, password = organisers.create_organiser(email, password)
        click.echo(f"Organiser {organiser.email} created. Password: {password}")
