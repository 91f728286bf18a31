"""Download the publishers' current files over HTTPS, verify them and load them as a new version.

Files go to a temporary directory and are only loaded after every file of the dataset arrived
complete; any failure (offline, HTTP error, empty or unparsable file) leaves the active version.
``CORDON_LIST_MIRROR`` (or ``mirror=``) replaces the publishers' URLs with
``<mirror>/<dataset>/<filename>``; plain http is accepted only for loopback mirrors (tests).
"""

from __future__ import annotations

import ipaddress
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import httpx

from cordon.config import get_settings
from cordon.i18n import N_, Items, Message
from cordon.lists.errors import ListLoadError
from cordon.lists.load import LoadResult, load_dataset
from cordon.lists.registry import DATASETS, Download, check_dataset_name, get_spec
from cordon.settings import LIST_MIRROR

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
Progress = Callable[[str, int, int | None], None]  # (url, bytes so far, total bytes or None)


def downloadable() -> list[str]:
    """Datasets with known publisher downloads, in registry order."""
    return [name for name, spec in DATASETS.items() if spec.downloads]


def resolve_urls(dataset: str, mirror: str | None = None) -> list[tuple[str, str]]:
    """(url, filename) for each file of ``dataset``, from the mirror when one is set."""
    spec = get_spec(dataset)
    if spec is None or not spec.downloads:
        known = Items(downloadable())
        raise ListLoadError(
            dataset,
            Message(
                N_("no download source known (known: %(known)s); use `cordon lists load`"),
                known=known,
            ),
        )
    base = mirror if mirror is not None else LIST_MIRROR.raw()
    return [(_mirrored(d, dataset, base) if base else d.url, d.filename) for d in spec.downloads]


def _mirrored(download: Download, dataset: str, base: str) -> str:
    return f"{base.rstrip('/')}/{dataset}/{download.filename}"


def check_url(url: str) -> None:
    """Refuse anything but HTTPS, except plain HTTP to a loopback host (local test servers)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and _is_loopback(parts.hostname or ""):
        return
    raise ListLoadError(
        url, Message(N_("refused: lists are downloaded over HTTPS only (http only for 127.0.0.1)"))
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def download(
    client: httpx.Client, url: str, target: Path, progress: Progress | None = None
) -> Path:
    """Stream ``url`` into ``target``; ListLoadError when offline, on HTTP errors, if empty."""
    check_url(url)
    try:
        with client.stream("GET", url) as response:
            check_url(str(response.url))  # after redirects
            if response.status_code != 200:
                raise ListLoadError(
                    url,
                    Message(
                        N_("download failed: HTTP %(status)s %(reason)s"),
                        status=response.status_code,
                        reason=response.reason_phrase,
                    ),
                )
            total = (
                int(response.headers["content-length"])
                if "content-length" in response.headers
                else None
            )
            size = 0
            with target.open("wb") as fh:
                for chunk in response.iter_bytes():
                    fh.write(chunk)
                    size += len(chunk)
                    if progress is not None:
                        progress(url, size, total)
    except httpx.TransportError as exc:
        raise ListLoadError(
            url,
            Message(
                N_("cannot reach the publisher (offline or blocked?): %(error)s"),
                error=f"{type(exc).__name__}: {exc}",
            ),
        ) from exc
    if total is not None and size != total:
        raise ListLoadError(
            url,
            Message(
                N_("download truncated: got %(size)s of %(total)s bytes"), size=size, total=total
            ),
        )
    if size == 0:
        raise ListLoadError(url, Message(N_("download is empty")))
    return target


def update_dataset(
    conn: duckdb.DuckDBPyConnection,
    dataset: str,
    *,
    mirror: str | None = None,
    force: bool = False,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
) -> LoadResult:
    """Download every file of ``dataset``, then load them (checksum, parse, shrink guard, swap)."""
    urls = resolve_urls(check_dataset_name(dataset), mirror)
    downloads_dir = get_settings().data_dir / "downloads"
    downloads_dir.mkdir(parents=True, exist_ok=True)
    owned = client is None
    http = client or httpx.Client(
        timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": "cordon"}
    )
    try:
        with tempfile.TemporaryDirectory(prefix=f"{dataset}-", dir=downloads_dir) as tmp:
            files = [download(http, url, Path(tmp) / name, progress) for url, name in urls]
            return load_dataset(
                conn, dataset, files, force=force, source=" ".join(u for u, _ in urls)
            )
    finally:
        if owned:
            http.close()


def update_many(
    conn: duckdb.DuckDBPyConnection,
    datasets: Sequence[str],
    *,
    mirror: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> dict[str, LoadResult | ListLoadError]:
    """``update_dataset`` for each dataset; one failure does not stop the others."""
    results: dict[str, LoadResult | ListLoadError] = {}
    with httpx.Client(
        timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": "cordon"}
    ) as client:
        for dataset in datasets:
            try:
                results[dataset] = update_dataset(
                    conn, dataset, mirror=mirror, force=force, client=client, progress=progress
                )
            except ListLoadError as exc:
                results[dataset] = exc
    return results
