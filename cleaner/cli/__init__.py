"""The ``cleaner`` command: clean, explain, diff, passes, names, rules.

Exit codes: 0 everything cleaned; 1 some files failed (each is reported);
2 a usage or configuration error (bad option, rules that do not validate).
"""

from __future__ import annotations

import click

from cleaner import __version__
from cleaner.cli.catalogue import names, passes, rules
from cleaner.cli.clean import clean
from cleaner.cli.review import diff, explain


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cleaner")
def main() -> None:
    """Clean scraped news text: repair it, remove boilerplate, explain every change."""


for command in (clean, explain, diff, passes, names, rules):
    main.add_command(command)
