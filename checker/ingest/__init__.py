"""Ingestion: any supported file in, one clean, page-mapped, structured `Document` out.

Everything that knows about PDFs, Word files or text encodings lives in this package."""
from __future__ import annotations

import hashlib
import os
import zipfile

from checker.document import Document
from checker.errors import (
    ClausecheckError,
    CorruptDocumentError,
    EmptyDocumentError,
    FormatMismatchError,
    LimitExceededError,
    MissingFileError,
    TextLimitError,
    UnreadablePathError,
    UnsupportedFormatError,
    UsageError,
)
from checker.ingest.limits import Deadline, Limits, check_sections, check_text_size

__all__ = ["Limits", "file_sha256", "find_documents", "load_document", "sniff_format"]

EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
_KIND_NAMES = {"pdf": "a PDF", "docx": "a Word document", "zip": "a zip archive (not a Word document)",
               "text": "plain text", "binary": "binary data"}


def sniff_format(path: str) -> str:
    """What the bytes are: pdf, docx, zip, text or binary (magic numbers, not the extension)."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                return "docx" if "word/document.xml" in zf.namelist() else "zip"
        except zipfile.BadZipFile:
            return "docx"  # a damaged zip claiming to be one; the DOCX reader reports it as corrupt
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return "text"
    if b"\x00" in head:
        from checker.ingest.text import utf16_without_bom

        return "text" if utf16_without_bom(head) else "binary"
    return "text"


def find_documents(root: str) -> list[str]:
    """Every contract file (by extension) under a folder, hidden files and folders skipped, sorted.

    A folder that cannot be read is listed too, in place of its files: reading it then fails with
    a coded error for that path (E217) instead of its documents vanishing from the run."""
    out = []

    def unreadable(exc: OSError) -> None:
        if exc.filename:
            out.append(os.fspath(exc.filename))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in EXTENSIONS:
                out.append(os.path.join(dirpath, name))
    return out


def file_sha256(path: str) -> str:
    """Content hash, streamed (bounded memory for any size)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def unreadable_path(path: str) -> None:
    """Raise UnreadablePathError (E217) for a symlink loop, a dangling link, or a file or folder
    that cannot be opened; return for a path that can be read or does not exist at all."""
    import errno

    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadablePathError("symbolic link loop", path=path,
                                      hint="remove the link or point it at the contract file") from None
        if os.path.islink(path):
            raise UnreadablePathError("symbolic link to a file that does not exist", path=path,
                                      hint="remove the link or point it at the contract file") from None
        if exc.errno == errno.ENOENT:
            return
        raise UnreadablePathError(f"cannot read it ({exc.strerror})", path=path,
                                  hint="check its permissions") from None
    import stat

    try:
        if stat.S_ISDIR(st.st_mode):
            os.listdir(path)
        else:
            with open(path, "rb"):
                pass
    except OSError as exc:
        what = "folder" if stat.S_ISDIR(st.st_mode) else "file"
        raise UnreadablePathError(f"cannot read the {what} ({exc.strerror}); nothing in it was checked"
                                  if what == "folder" else f"cannot read the {what} ({exc.strerror})",
                                  path=path, hint="check its permissions") from None


REVISION_VIEWS = ("accepted", "original")


def load_document(path: str | os.PathLike, *, password: str | None = None, ocr: bool = False,
                  limits: Limits = Limits(), revisions: str | None = None, progress=None) -> Document:
    """Read `path` into a `Document` with its section tree built. Raises `InputError`s only,
    and a `UsageError` for a `revisions` view that is unknown or asked of a non-DOCX file.

    `revisions` picks which text of a Word file with tracked changes is read: "accepted" (the
    default: every change accepted) or "original" (the text before the changes). Only Word files
    carry tracked changes, so asking for a view of any other file is an error rather than a
    silent no-op: the user believes they are checking a redline they are not."""
    path = os.fspath(path)
    if revisions is not None and revisions not in REVISION_VIEWS:
        raise UsageError(f"unknown revisions view {revisions!r}", path=path,
                         hint="use 'accepted' (the text with the tracked changes) or 'original' (before them)")
    unreadable_path(path)
    if not os.path.exists(path):
        raise MissingFileError("file not found", path=path, hint="check the path and spelling")
    if os.path.isdir(path):
        raise MissingFileError("is a directory, not a file", path=path, hint="give the path of one contract file")
    ext = os.path.splitext(path)[1].lower()
    fmt = EXTENSIONS.get(ext)
    if fmt is None:
        raise UnsupportedFormatError(
            f"unsupported file type {ext or '(no extension)'!r}", path=path,
            hint="convert it to PDF, DOCX, TXT or MD (for .doc/.rtf: save as .docx)")
    size = os.path.getsize(path)
    if size == 0:
        raise EmptyDocumentError("file is empty", path=path, hint="check that this is the right file")
    if size > limits.max_bytes:
        raise LimitExceededError(
            f"file is {size / 1e6:.0f} MB, over the {limits.max_bytes / 1e6:.0f} MB limit", path=path,
            hint="raise --max-mb (Limits.max_bytes) if this is really one contract")
    actual = sniff_format(path)
    expected = "text" if fmt in ("txt", "md") else fmt
    if actual != expected:
        raise FormatMismatchError(
            f"file name says {_KIND_NAMES[expected]} ({ext}) but it contains {_KIND_NAMES[actual]}", path=path,
            hint="rename it with the right extension or export it again")
    if revisions is not None and fmt != "docx":
        raise UsageError(f"--revisions applies to Word (.docx) files only; this is {_KIND_NAMES[expected]}",
                         path=path, hint="drop --revisions for this file, or check the .docx draft that has the "
                                         "tracked changes")
    deadline = Deadline(path, limits, progress)  # progress(stage, done, total): pages read, OCR'd
    pages: int | None = None
    warnings: list[str] = []
    try:
        if fmt == "pdf":
            from checker.ingest.pdf import read_pdf

            cleaned, pages, warnings = read_pdf(path, password=password, ocr=ocr, deadline=deadline)
        elif fmt == "docx":
            from checker.ingest.word import read_docx

            cleaned, warnings = read_docx(path, limits=limits, deadline=deadline, revisions=revisions or "accepted")
        else:
            from checker.ingest.text import read_text

            with open(path, "rb") as fh:
                data = fh.read(4 * limits.max_chars + 5)  # UTF-32 is the widest: 4 bytes a character
            if len(data) > 4 * limits.max_chars + 4:
                raise TextLimitError(f"the file holds more than the {limits.max_chars:,} character limit",
                                     path=path, hint="split the document; no real contract is this long")
            cleaned, pages = read_text(data, markdown=(fmt == "md"))
            if pages is not None:
                deadline.check_pages(pages)
    except ClausecheckError:
        raise
    except MemoryError:
        raise LimitExceededError("ran out of memory reading the file", path=path,
                                 hint="split the document or lower --max-pages") from None
    except Exception as exc:  # a parser failing on malformed input is a corrupt file to the user
        raise CorruptDocumentError(f"cannot read {fmt.upper()} ({type(exc).__name__}: {exc})", path=path,
                                   hint="the file may be damaged; export it again") from None
    check_text_size(path, cleaned.text, limits)
    if not cleaned.text.strip():
        raise EmptyDocumentError("no text found in the file", path=path, hint="check that this is the right file")
    deadline.check()
    doc = Document(path=path, format=fmt, sha256=file_sha256(path), text=cleaned.text,
                   offset_map=cleaned.offset_map, pages=pages, warnings=warnings,
                   heading_hints=cleaned.heading_hints)
    from checker.structure import build_sections

    build_sections(doc)
    check_sections(path, len(doc.sections), limits)
    return doc
