"""Commands of cordon.api for the `cordon` CLI: `cordon serve`."""

from __future__ import annotations

import typer

from cordon.api.security import DEFAULT_MAX_UPLOAD_BYTES, is_loopback
from cordon.i18n import N_
from cordon.i18n.cli import help_text
from cordon.settings import API_KEY, LOG_LEVEL


def serve(
    host: str = typer.Option(
        "127.0.0.1", "--host", help=N_("Address to bind; non-loopback needs --api-key.")
    ),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help=N_("TCP port.")),
    api_key: str | None = typer.Option(
        None,
        "--api-key",
        envvar=API_KEY.name,
        help=help_text(N_("Require this key (or set $%(env)s)."), env=API_KEY.name),
    ),
    max_upload_mb: int = typer.Option(
        DEFAULT_MAX_UPLOAD_BYTES // (1024 * 1024),
        "--max-upload-mb",
        min=1,
        help=N_("Upload size limit."),
    ),
) -> None:
    """Serve the yente-compatible screening API and the analyst web app."""
    import uvicorn

    from cordon.api.protocol import HeaderTimeoutProtocol
    from cordon.server import create_app

    key = api_key.strip() if api_key else None
    if not is_loopback(host) and not key:
        typer.echo(
            f"Refusing to serve on {host}: it is reachable from other machines. "
            f"Set an API key with --api-key KEY or ${API_KEY.name}.",
            err=True,
        )
        raise typer.Exit(2)
    if key is not None and len(key) < 16:
        typer.echo("The API key must be at least 16 characters long.", err=True)
        raise typer.Exit(2)
    _check_store_available()
    app = create_app(api_key=key, max_upload_bytes=max_upload_mb * 1024 * 1024)
    where = f"http://{host}:{port}"
    typer.echo(
        f"cordon API on {where}/docs, web app on {where}/ui/"
        + (" (API key required)" if key else "")
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=LOG_LEVEL.raw() or LOG_LEVEL.default,
        access_log=False,  # one log line per /match costs more than the match at high rates
        proxy_headers=False,  # cordon uses no client address; skip X-Forwarded-* parsing
        server_header=False,
        http=HeaderTimeoutProtocol,  # httptools, with a deadline for request headers
        loop="uvloop",
    )


def _check_store_available() -> None:
    """Refuse to start when another process holds the store (DuckDB allows one writer): the
    store raises ``StoreBusyError``, which the CLI prints as one line."""
    from cordon.store import connect

    connect().close()


def register(app: typer.Typer) -> None:
    """Add this package's commands to the top-level app."""
    app.command("serve")(serve)
