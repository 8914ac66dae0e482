"""The command-line interface: `main(argv) -> exit code`, the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from wijzer.errors import EXIT_INTERRUPTED, EXIT_USAGE, WijzerError

INTERNAL_ERROR = 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run wijzer with the given arguments (default: sys.argv[1:]) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    from wijzer.cli import dutch  # the app module installs the help texts when built

    if not args or "--help" in args or "-h" in args:
        dutch.install_rich_help()
    from typer import Abort
    from typer._click.exceptions import NoArgsIsHelpError, UsageError

    from wijzer.cli.app import app
    from wijzer.cli.output import report_error, say

    try:
        result = app(args=args, prog_name="wijzer", standalone_mode=False)
    except NoArgsIsHelpError:
        return EXIT_USAGE  # typer has already shown the help
    except UsageError as exc:
        hint = ""
        if exc.ctx is not None:
            hint = f" Zie '{exc.ctx.command_path} --help'."
        say(f"wijzer: {dutch.usage_message(exc.format_message())}{hint}")
        return EXIT_USAGE
    except WijzerError as exc:
        report_error(exc)
        return exc.exit_code
    except (KeyboardInterrupt, Abort):
        say("\nwijzer: onderbroken.")
        return EXIT_INTERRUPTED
    except Exception as exc:
        if os.environ.get("WIJZER_DEBUG"):
            raise
        say(
            f"wijzer: interne fout ({type(exc).__name__}: {exc}). Dit is een fout in wijzer; "
            "zet WIJZER_DEBUG=1 voor details en meld het."
        )
        return INTERNAL_ERROR
    return result if isinstance(result, int) else 0
