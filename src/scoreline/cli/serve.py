"""``scoreline serve``: the web app (JSON API and pages) on uvicorn."""

from __future__ import annotations

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
) -> None:
    """Serve the web app: pages for people, a JSON API under /api/v1 (reference at /api,
    OpenAPI schema at /api/v1/openapi.json).

    Open http://HOST:PORT/match/2022-11-23/Germany/Japan for the worked example.
    """
    with friendly_errors():
        api.get_store(db, read_only=True)  # a server only reads; other readers may share the file
        info = api.data_info(db)
    try:
        import uvicorn

        from scoreline.web import WebSettings, create_app
    except ImportError as exc:
        err_console.print(f"[bold red]error:[/] the web app needs {exc.name}; install it with "
                          "pip install 'scoreline[web]'", highlight=False)
        raise typer.Exit(1) from None
    with friendly_errors():
        web = create_app(WebSettings(db=db, max_sims=max_sims, warm=True))
    console.print(f"scoreline: {info.matches:,} matches to {info.last_date}; serving on "
                  f"http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="info", server_header=False)
