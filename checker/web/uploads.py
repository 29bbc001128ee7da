"""Multipart uploads streamed straight into a private per-request directory, never anywhere else.

Starlette's own form parser spools large parts into the system temp dir; this one writes each file
part to `<private dir>/upload-N` (mode 0600) as it arrives, stops at the size limit, and keeps only
small text fields in memory. The client's file name is kept as a display string only."""
from __future__ import annotations

import asyncio
import os
import shutil
import threading
import tempfile
import unicodedata
from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header

from checker.errors import BadRequestError, LimitExceededError, ServiceBusyError, SlowClientError

MAX_FIELD_BYTES = 4096  # csrf token, password: anything longer is not a real form field
MAX_PARTS = 8


@dataclass
class UploadedFile:
    field: str
    filename: str  # display only: sanitized, never joined to a path
    path: str
    size: int = 0


@dataclass
class Upload:
    files: dict[str, UploadedFile] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)


class DiskBudget:
    """Upload bytes on disk, all requests together. A request reserves bytes before it writes them
    (its declared length up front, or chunk by chunk) and gives them back when its directory goes;
    one that would go over is refused as busy before the bytes are accepted."""

    def __init__(self, total: int, retry_after: int = 5):
        self.total, self.retry_after = total, retry_after
        self.used = 0
        self._lock = threading.Lock()

    def reserve(self, n: int) -> None:
        with self._lock:
            if self.used + n > self.total:
                raise ServiceBusyError("the server has too many uploads in progress",
                                       hint=f"try again in {self.retry_after} seconds")
            self.used += n

    def release(self, n: int) -> None:
        with self._lock:
            self.used = max(0, self.used - n)


class PrivateDir:
    """A 0700 directory made for one request and removed with everything in it when it ends; the
    disk budget it reserved is given back then."""

    def __init__(self, root: str | None = None, budget: DiskBudget | None = None):
        self.path = tempfile.mkdtemp(prefix="clausecheck-", dir=root)
        self.budget = budget
        self.reserved = 0

    def reserve(self, n: int) -> None:
        if self.budget is not None and n > 0:
            self.budget.reserve(n)
            self.reserved += n

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        if self.budget is not None:
            self.budget.release(self.reserved)
            self.reserved = 0

    def __enter__(self) -> "PrivateDir":
        return self

    def __exit__(self, *exc) -> None:
        self.remove()


def display_name(raw: bytes | None) -> str:
    """The client's file name as something safe to show: last path component, printable, short."""
    if not raw:
        return "upload"
    name = raw.decode("utf-8", "replace").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return name[:120] or "upload"


def empty_upload_root(root: str) -> None:
    """Remove every per-request directory left in `root` (a crash, a SIGKILL): at start and exit."""
    os.makedirs(root, mode=0o700, exist_ok=True)
    for name in os.listdir(root):
        if name.startswith("clausecheck-"):
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)


async def _chunks(request, idle_timeout: float | None, total_timeout: float | None):
    """The body's chunks; SlowClientError when one takes over `idle_timeout` or all over `total_timeout`."""
    stream = request.stream().__aiter__()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + total_timeout if total_timeout else None
    while True:
        wait = idle_timeout
        if deadline is not None:
            left = deadline - loop.time()
            wait = left if wait is None else min(wait, left)
        try:
            chunk = await asyncio.wait_for(stream.__anext__(), wait) if wait is not None else await stream.__anext__()
        except StopAsyncIteration:
            return
        except (asyncio.TimeoutError, TimeoutError):
            raise SlowClientError("the upload arrived too slowly", hint="check the connection and send it again") from None
        yield chunk


async def receive_upload(request, directory: str, *, max_bytes: int, reserve=None,
                         idle_timeout: float | None = None, total_timeout: float | None = None) -> Upload:
    """Parse the request body as multipart/form-data, writing file parts under `directory`.

    `reserve(n)` is called before n more bytes are accepted (the disk budget): with the declared
    length up front, then for whatever arrives beyond it."""
    ctype, params = parse_options_header(request.headers.get("content-type", ""))
    if ctype != b"multipart/form-data" or not params.get(b"boundary"):
        raise BadRequestError("expected a multipart/form-data upload",
                              hint="send the document as a form field named 'file'")
    declared = request.headers.get("content-length")
    # Multipart framing adds a few hundred bytes per part on top of the files themselves.
    overhead = 64 * 1024
    if declared and declared.isdigit() and int(declared) > max_bytes + overhead:
        raise _too_large(max_bytes)
    reserved = int(declared) if declared and declared.isdigit() else 0
    if reserve is not None:
        reserve(reserved)

    upload = Upload()
    state: dict = {"headers": {}, "field": b"", "value": b"", "current": None, "fh": None, "buf": None,
                   "total": 0, "parts": 0, "error": None, "reserved": reserved}

    def on_part_begin():
        state["headers"] = {}
        state["current"] = None
        state["buf"] = None
        state["parts"] += 1
        if state["parts"] > MAX_PARTS:
            raise BadRequestError(f"more than {MAX_PARTS} form fields")

    def on_header_field(data, start, end):
        state["field"] += data[start:end]

    def on_header_value(data, start, end):
        state["value"] += data[start:end]

    def on_header_end():
        state["headers"][state["field"].lower()] = state["value"]
        state["field"] = b""
        state["value"] = b""

    def on_headers_finished():
        disp, opts = parse_options_header(state["headers"].get(b"content-disposition", b""))
        name = opts.get(b"name", b"").decode("utf-8", "replace")
        if disp != b"form-data" or not name:
            raise BadRequestError("a form part has no name")
        if name in upload.files or name in upload.fields:
            raise BadRequestError(f"form field {name!r} given twice")
        if b"filename" in opts:
            path = os.path.join(directory, f"upload-{len(upload.files)}")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            state["fh"] = os.fdopen(fd, "wb")
            state["current"] = UploadedFile(name, display_name(opts[b"filename"]), path)
            upload.files[name] = state["current"]
        else:
            state["current"] = name
            state["buf"] = bytearray()

    def on_part_data(data, start, end):
        chunk = data[start:end]
        state["total"] += len(chunk)
        if state["total"] > max_bytes:
            raise _too_large(max_bytes)
        if reserve is not None and state["total"] > state["reserved"]:
            reserve(state["total"] - state["reserved"])
            state["reserved"] = state["total"]
        cur = state["current"]
        if isinstance(cur, UploadedFile):
            state["fh"].write(chunk)
            cur.size += len(chunk)
        else:
            state["buf"] += chunk
            if len(state["buf"]) > MAX_FIELD_BYTES:
                raise BadRequestError(f"form field {cur!r} is too long")

    def on_part_end():
        cur = state["current"]
        if isinstance(cur, UploadedFile):
            state["fh"].close()
            state["fh"] = None
        elif cur is not None:
            upload.fields[cur] = bytes(state["buf"]).decode("utf-8", "replace")

    parser = MultipartParser(params[b"boundary"], {
        "on_part_begin": on_part_begin, "on_part_data": on_part_data, "on_part_end": on_part_end,
        "on_header_field": on_header_field, "on_header_value": on_header_value,
        "on_header_end": on_header_end, "on_headers_finished": on_headers_finished,
    })
    try:
        async for chunk in _chunks(request, idle_timeout, total_timeout):
            parser.write(chunk)
        parser.finalize()
    except (BadRequestError, LimitExceededError, ServiceBusyError, SlowClientError):
        raise
    except Exception as exc:  # the multipart library's own parse errors
        raise BadRequestError(f"malformed multipart body ({type(exc).__name__})") from None
    finally:
        if state["fh"] is not None:
            state["fh"].close()
    return upload


def _too_large(max_bytes: int) -> LimitExceededError:
    return LimitExceededError(f"upload is over the {max_bytes / 1e6:.0f} MB limit",
                              hint="split the document or ask the operator to raise the limit")
