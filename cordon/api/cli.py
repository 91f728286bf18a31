"""Commands of cordon.api for the `cordon` CLI: `cordon serve`."""

from __future__ import annotations

import signal

import typer

from cordon import server_file
from cordon.api.security import DEFAULT_MAX_UPLOAD_BYTES, is_loopback
from cordon.i18n import N_, _
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
        refusal = _(
            "Refusing to serve on %(host)s: it is reachable from other machines. "
            "Set an API key with --api-key KEY or $%(env)s."
        )
        typer.echo(refusal % {"host": host, "env": API_KEY.name}, err=True)
        raise typer.Exit(2)
    if key is not None and len(key) < 16:
        typer.echo(_("The API key must be at least 16 characters long."), err=True)
        raise typer.Exit(2)
    _check_store_available()
    loopback = _loopback_url(host, port)
    published = server_file.publish(loopback) if loopback else None
    # uvicorn shuts down gracefully on SIGTERM, then re-raises it: as SystemExit here, so the
    # `finally` below still removes server.json (the default action would end the process first)
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        app = create_app(
            api_key=key,
            max_upload_bytes=max_upload_mb * 1024 * 1024,
            cli_token=published.token if published else None,
        )
        where = f"http://{host}:{port}"
        typer.echo(
            _("cordon API on %(api)s, web app on %(app)s")
            % {"api": f"{where}/docs", "app": f"{where}/ui/"}
            + (_(" (API key required)") if key else "")
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
    finally:
        signal.signal(signal.SIGTERM, previous)
        if published is not None:
            server_file.withdraw(published)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _loopback_url(host: str, port: int) -> str | None:
    """Where CLI processes on this machine reach the server: the loopback address it listens
    on (a wildcard bind includes it), or None when it listens on another address only."""
    if host in ("0.0.0.0", ""):
        return f"http://127.0.0.1:{port}"
    if host == "::":
        return f"http://[::1]:{port}"
    if is_loopback(host):
        return f"http://{host}:{port}"
    return None


def _check_store_available() -> None:
    """Refuse to start when another process holds the store (DuckDB allows one writer): the
    store raises ``StoreBusyError``, which the CLI prints as one line."""
    from cordon.store import connect

    connect().close()


def register(app: typer.Typer) -> None:
    """Add this package's commands to the top-level app."""
    app.command("serve")(serve)
