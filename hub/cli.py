"""Command-line tools: `flask --app hub <command>`.

    flask --app hub demo [--if-empty]     load the demo towns, partnerships and accounts
    flask --app hub outbox send           deliver queued e-mail now (for cron and retries)
    flask --app hub translate extract     sources → translations/messages.pot
    flask --app hub translate update      messages.pot → every translations/<locale>/…/messages.po
    flask --app hub translate compile     .po → .mo (what the app reads)
    flask --app hub translate init LOCALE start the catalogue of a new locale
"""

from __future__ import annotations

from pathlib import Path

import click
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from hub.config import ROOT

TRANSLATIONS = ROOT / "translations"
POT_FILE = TRANSLATIONS / "messages.pot"
SOURCE_LOCALE = "en"  # msgids are English: its catalogue translates every message to itself
KEYWORDS = ("_", "_l", "gettext", "lazy_gettext", "ngettext:1,2", "lazy_ngettext:1,2")


def register_commands(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(translate_cli)


# -- demo data ---------------------------------------------------------------------------------


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@with_appcontext
def demo_command(if_empty: bool) -> None:
    """Load the demo towns, partnerships and accounts (safe to run again)."""
    from hub import demo
    from hub.extensions import db

    if if_empty and not demo.database_is_empty():
        click.echo("The database already has users: demo data not loaded.")
        return
    accounts = demo.load()
    db.session.commit()
    click.echo("Demo data loaded. Sign in at /login with one of these accounts:\n")
    width = max(len(a.email) for a in accounts)
    for account in accounts:
        click.echo(f"  {account.email:<{width}}  {account.role}")
    click.echo(f"\nPassword for every demo account: {demo.PASSWORD}")


# -- outbox ------------------------------------------------------------------------------------

outbox_cli = AppGroup("outbox", help="The e-mail outbox.")


@outbox_cli.command("send")
@click.option("--limit", default=500, show_default=True, help="Most messages to send in one go.")
def outbox_send(limit: int) -> None:
    """Deliver the queued e-mails that are due (failed ones are retried with back-off)."""
    from hub.outbox.services import deliver_pending

    sent = deliver_pending(limit=limit)
    click.echo(f"{sent} e-mail(s) sent.")


# -- translations ------------------------------------------------------------------------------

translate_cli = AppGroup("translate", help="Translation catalogues (wraps pybabel).")


def pybabel(*args: str) -> None:
    """Run a pybabel command in this process; stop with its exit status when it fails."""
    status = CommandLineInterface().run(["pybabel", *args])
    if status:
        raise click.ClickException(f"pybabel {args[0]} failed (exit status {status}).")


def extract_messages(output: Path) -> None:
    """Extract every translatable string of hub/ and templates/ into the .pot file `output`."""
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    pybabel(
        "-q", "extract", "-F", str(ROOT / "babel.cfg"), *keywords,
        "--no-location", "--add-comments=Translators:", "--project=Twinning Hub",
        "--copyright-holder=Twinning Hub contributors",
        "--msgid-bugs-address=translations@twinning.example",
        "-o", str(output), str(ROOT),
    )


def read_catalogue(locale: str) -> tuple[Path, Catalog]:
    path = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as infile:
        return path, read_po(infile, locale=locale)


def write_catalogue(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as outfile:
        write_po(outfile, catalog, width=76, ignore_obsolete=True)


def complete_source_catalogue() -> int:
    """English is the source language: translate each English message to its own msgid."""
    path, catalog = read_catalogue(SOURCE_LOCALE)
    changed = 0
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            singular, plural = message.id
            wanted = (singular,) + (plural,) * (catalog.num_plurals - 1)
        else:
            wanted = message.id
        if message.string != wanted or message.fuzzy:
            message.string = wanted
            message.flags.discard("fuzzy")
            message.previous_id = []
            changed += 1
    if changed:
        write_catalogue(path, catalog)
    return changed


def drop_empty_fuzzy_marks(locale: str) -> int:
    """A fuzzy mark on an empty translation only hides it from the untranslated count."""
    path, catalog = read_catalogue(locale)
    changed = 0
    for message in catalog:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and message.fuzzy and not any(texts):
            message.flags.discard("fuzzy")
            message.previous_id = []
            changed += 1
    if changed:
        write_catalogue(path, catalog)
    return changed


@translate_cli.command("extract")
def translate_extract() -> None:
    """Collect the translatable strings into translations/messages.pot."""
    extract_messages(POT_FILE)
    click.echo(f"Extracted the messages into {POT_FILE.relative_to(ROOT)}.")


@translate_cli.command("update")
def translate_update() -> None:
    """Merge messages.pot into every locale's catalogue (new strings start untranslated)."""
    pybabel("-q", "update", "-i", str(POT_FILE), "-d", str(TRANSLATIONS), "--ignore-obsolete")
    for path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        drop_empty_fuzzy_marks(path.parent.parent.name)
    complete_source_catalogue()
    click.echo("Updated the catalogues; translate the empty and fuzzy entries.")


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile every catalogue (untranslated messages fall back to English)."""
    pybabel("-q", "compile", "-d", str(TRANSLATIONS))
    click.echo("Compiled the catalogues.")


@translate_cli.command("init")
@click.argument("locale")
def translate_init(locale: str) -> None:
    """Start the catalogue of a new locale from messages.pot."""
    pybabel("-q", "init", "-i", str(POT_FILE), "-d", str(TRANSLATIONS), "-l", locale)
    if locale == SOURCE_LOCALE:
        complete_source_catalogue()
    click.echo(f"Created translations/{locale}/LC_MESSAGES/messages.po.")
