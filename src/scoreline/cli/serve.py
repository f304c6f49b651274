"""``scoreline serve``: the web app (JSON API and pages) on uvicorn."""

from __future__ import annotations

import datetime as dt
import os

import typer

from scoreline import api
from scoreline.cli.app import DbOption, app, console, err_console, friendly_errors


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    db: str = DbOption,
    max_sims: int = typer.Option(50_000, "--max-sims", min=100,
                                 help="Largest simulation a request may ask for."),
    workers: int = typer.Option(1, "--workers", min=1, max=32,
                                help="Server processes (each reads the store and shares "
                                "the on-disk caches)."),
    heavy_workers: int = typer.Option(2, "--heavy-workers", min=1, max=64,
                                      help="Worker processes per server process for "
                                      "fits, simulations and checks."),
    queue: int = typer.Option(8, "--queue", min=0, max=1000,
                              help="Heavy requests waiting per process; more get 503."),
    time_budget: float = typer.Option(10.0, "--time-budget", min=0.05, max=3600,
                                      help="Seconds a request may wait for heavy work "
                                      "(then 503; the result is kept for the retry)."),
) -> None:
    """Serve the web app: pages for people, a JSON API under /api/v1 (reference at /api,
    OpenAPI schema at /api/v1/openapi.json).

    Open http://HOST:PORT/match/2022-11-23/Germany/Japan for the worked example.
    """
    with friendly_errors():
        if workers > 1:
            matches, last_date = _headline_in_child(db)
        else:  # this process is the server
            api.pandas_without_arrow()
            matches, last_date = _headline(db)
    try:
        import uvicorn

        from scoreline.web import SETTINGS_ENV, WebSettings, create_app, settings_to_env
    except ImportError as exc:
        err_console.print(f"[bold red]error:[/] the web app needs {exc.name}; install it with "
                          "pip install 'scoreline[web]'", highlight=False)
        raise typer.Exit(1) from None
    settings = WebSettings(db=db, max_sims=max_sims, warm=True, heavy_workers=heavy_workers,
                           heavy_queue=queue, time_budget_s=time_budget)
    console.print(f"scoreline: {matches:,} matches to {last_date}; serving on "
                  f"http://{host}:{port}/ with {workers} worker process"
                  f"{'es' if workers > 1 else ''} (Ctrl-C stops)", highlight=False)
    if workers > 1:
        # uvicorn starts each worker from an import string; the settings travel as JSON
        os.environ[SETTINGS_ENV] = settings_to_env(settings)
        uvicorn.run("scoreline.web:app_from_env", factory=True, workers=workers, host=host,
                    port=port, log_level="info", server_header=False)
        return
    with friendly_errors():
        web = create_app(settings)
    uvicorn.run(web, host=host, port=port, log_level="info", server_header=False)


def _headline(db: str | None) -> tuple[int, dt.date | None]:
    """The store's match count and last date, after opening it read-only as a server does
    (a server only reads; other readers may share the file)."""
    api.get_store(db, read_only=True)
    info = api.data_info(db)
    return info.matches, info.last_date


def _headline_in_child(db: str | None) -> tuple[int, dt.date | None]:
    """:func:`_headline` in a short-lived child process.

    With ``--workers N`` this process only supervises uvicorn's server processes: asked
    here, the store would leave pandas and DuckDB loaded in it for the server's lifetime
    (about 245 MB resident). The child checks the store and exits; a bad store's error
    comes back whole.
    """
    import multiprocessing  # here: every other command would import it for nothing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        return child.submit(_headline, db).result()
