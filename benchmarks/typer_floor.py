"""The floor of a typer command-line tool around OpenCC: one argument, a few
options of the kinds wpclean's main command has, OpenCC t2s on the page, the
result written.  ``benchmarks/run.py`` times it as a fresh process beside
wpclean's start-up: what any such tool pays before doing wpclean's work
(typer >= 0.29 coerces every parameter through a pydantic TypeAdapter, so
pydantic's schema machinery is imported and run on each invocation).

    python benchmarks/typer_floor.py INPUT -o OUTPUT
"""

from __future__ import annotations

from pathlib import Path

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(
    source: Path,
    output: Path = typer.Option(..., "-o"),
    convert: str = typer.Option("t2s", "--convert"),
    encoding: str | None = typer.Option(None, "--encoding"),
    max_bytes: int = typer.Option(50_000_000, "--max-bytes"),
    jobs: int | None = typer.Option(None, "-j"),
    quiet: bool = typer.Option(False, "-q"),
) -> None:
    import opencc

    output.write_text(
        opencc.OpenCC(f"{convert}.json").convert(source.read_text(encoding=encoding or "utf-8")), encoding="utf-8"
    )


if __name__ == "__main__":
    app()
