"""Library figures: memory of a 200 MB upload, and SQL statements per page with 10,000 documents.

    .venv/bin/python bench/bench_library.py [--upload-mb 200] [--documents 10000]

1. Upload: the hub runs under gunicorn (one sync worker; werkzeug's server when gunicorn is
   missing) in a subprocess on a free local port, with SQLite and the file store in a
   temporary directory. After a warm-up upload, the worker's peak-RSS mark is reset
   (/proc/<pid>/clear_refs), a PDF of --upload-mb megabytes is streamed to the upload form over
   HTTP, and the growth of the worker's peak RSS is reported (target: under 30 MB).
2. List: --documents documents are inserted directly; the library page is requested in-process
   with page sizes 10, 20, 50 and 100 (plain, filtered, searched) and the SQL statements and
   time per request are printed (target: the same number of statements for every page size).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itsdangerous import URLSafeTimedSerializer  # noqa: E402
from sqlalchemy import event, insert  # noqa: E402

from hub import create_app  # noqa: E402
from hub.db import utcnow  # noqa: E402
from hub.extensions import db  # noqa: E402
from hub.library import samples  # noqa: E402
from hub.library.models import Document, DocumentVersion  # noqa: E402
from hub.library.textnorm import normalise  # noqa: E402
from tests import factories  # noqa: E402

SECRET = "bench-secret-" + "x" * 40
MB = 1024 * 1024
BOUNDARY = "bench-library-boundary-5b3f"


# --- a big, valid PDF written in chunks -------------------------------------------------------


def write_big_pdf(path: Path, size: int) -> None:
    """A one-page PDF padded with an unused binary stream to about `size` bytes."""
    small = samples.pdf(["Bench upload: Regenwassernutzung und Kompost"])
    head, _xref, _rest = small.partition(b"xref\n")
    offsets = [int(m.group(1)) for m in re.finditer(rb"(\d{10}) 00000 n", small)]
    padding = max(size - len(small) - 200, 0)
    with path.open("wb") as out:
        out.write(head)
        pad_offset = out.tell()
        out.write(b"6 0 obj\n<< /Length %d >>\nstream\n" % padding)
        chunk = os.urandom(MB)
        left = padding
        while left > 0:
            out.write(chunk[: min(left, MB)])
            left -= MB
        out.write(b"\nendstream\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n0 7\n0000000000 65535 f \n")
        for offset in [*offsets, pad_offset]:
            out.write(b"%010d 00000 n \n" % offset)
        out.write(b"trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(folder: Path) -> tuple[str, str]:
    """Users and a partnership; return the session cookie and CSRF token of a staff member."""
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SECRET_KEY": SECRET,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'hub.sqlite3'}",
        }
    )
    with app.app_context():
        db.create_all()
        p = factories.partnership(slug="bench", name="Nilüfer – Darmstadt")
        user = factories.user(display_name="Ayşe Yılmaz", locale="tr")
        factories.membership(user, p)
        db.session.commit()
        raw = secrets.token_hex(20)
        with app.test_request_context():
            serializer = app.session_interface.get_signing_serializer(app)
            cookie = serializer.dumps(
                {"_user_id": user.get_id(), "_fresh": True, "csrf_token": raw}
            )
        token = URLSafeTimedSerializer(SECRET, salt="wtf-csrf-token").dumps(raw)
        db.engine.dispose()
    return cookie, token


def start_server(folder: Path, port: int) -> tuple[subprocess.Popen, str]:
    env = {
        **os.environ,
        "HUB_ENV": "development",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": f"sqlite:///{folder / 'hub.sqlite3'}",
        "HUB_STORAGE_DIR": str(folder / "files"),
        "HUB_MAX_UPLOAD_MB": "1024",
        "RATELIMIT_ENABLED": "0",
        "TMPDIR": str(folder),
    }
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which(
        "gunicorn"
    )
    if gunicorn:
        command = [
            gunicorn,
            "--workers",
            "1",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "600",
            "--log-level",
            "warning",
            "hub:create_app()",
        ]
        server = "gunicorn, 1 sync worker"
    else:
        command = [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "hub",
            "run",
            "--port",
            str(port),
            "--without-threads",
        ]
        server = "werkzeug"
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)  # noqa: S603
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, server
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def worker_pid(master: int) -> int:
    """The process that answers requests: gunicorn's worker (the master's child), else itself."""
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    return master


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            key, amount = line.split(":")
            values[key] = int(amount.split()[0])
    return values


def reset_peak(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def post_file(port: int, cookie: str, token: str, path: Path, name: str) -> tuple[int, float]:
    """Stream a multipart upload from disk; return the status and the seconds it took."""
    fields = {"csrf_token": token, "language": "de", "visibility": "members", "folder_id": "0"}
    head = (
        b"".join(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        + (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
    )
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    length = len(head) + path.stat().st_size + len(tail)

    def body():
        yield head
        with path.open("rb") as f:
            while chunk := f.read(MB):
                yield chunk
        yield tail

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    connection.request(
        "POST",
        "/p/bench/library/upload",
        body=body(),
        headers={
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            "Content-Length": str(length),
            "Cookie": f"session={cookie}",
        },
    )
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.perf_counter() - started


def bench_upload(size_mb: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-library-"))
    process = None
    try:
        cookie, token = prepare_database(folder)
        big = folder / "big.pdf"
        write_big_pdf(big, size_mb * MB)
        warm = folder / "warm.pdf"
        write_big_pdf(warm, 2 * MB)
        port = free_port()
        process, server = start_server(folder, port)
        pid = worker_pid(process.pid)
        status, _ = post_file(port, cookie, token, warm, "warm-up.pdf")
        assert status == 303, f"warm-up upload answered {status}"
        before = memory(pid)
        exact = reset_peak(pid)
        baseline = memory(pid)
        status, seconds = post_file(port, cookie, token, big, "Büyük rapor – 200 MB.pdf")
        after = memory(pid)
        assert status == 303, f"upload answered {status}"
        stored = sum(p.stat().st_size for p in (folder / "files").rglob("*") if p.is_file())
        growth = (after["VmHWM"] - (baseline["VmRSS"] if exact else before["VmHWM"])) / 1024
        print(f"Upload of {big.stat().st_size / MB:.0f} MB through {server}:")
        print(
            f"  answered {status} in {seconds:.1f} s ({big.stat().st_size / MB / seconds:.0f} MB/s)"
        )
        print(
            f"  worker RSS before {baseline['VmRSS'] / 1024:.1f} MB, peak during upload "
            f"{after['VmHWM'] / 1024:.1f} MB"
        )
        print(
            f"  peak RSS growth: {growth:.1f} MB (target < 30 MB) "
            f"{'OK' if growth < 30 else 'TOO HIGH'}"
            + ("" if exact else " [peak mark could not be reset: growth over the earlier peak]")
        )
        print(f"  stored: {stored / MB:.0f} MB in {folder / 'files'}")
        with sqlite3.connect(folder / "hub.sqlite3") as connection:
            extraction = connection.execute(
                "SELECT extraction_status FROM library_version ORDER BY id DESC LIMIT 1"
            ).fetchone()[0]
        print(f"  text extraction after the commit: {extraction}")
    finally:
        if process is not None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


# --- the list ----------------------------------------------------------------------------------


def bench_list(count: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-library-list-"))
    app = create_app(
        {
            "ENV_NAME": "testing",
            "SECRET_KEY": SECRET,
            "RATELIMIT_ENABLED": False,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'hub.sqlite3'}",
            "HUB_STORAGE_DIR": str(folder / "files"),
        }
    )
    app.logger.disabled = True
    try:
        with app.app_context():
            db.create_all()
            p = factories.partnership(slug="bench")
            user = factories.user(display_name="Ayşe Yılmaz", locale="tr")
            factories.membership(user, p)
            db.session.commit()
            _insert_documents(p, user, count)
            client = app.test_client()
            with client.session_transaction() as session:
                session["_user_id"] = user.get_id()
            statements = [0]

            def count_statement(*args):
                statements[0] += 1

            event.listen(db.engine, "before_cursor_execute", count_statement)
            print(f"\nLibrary list with {count:,} documents (SQLite, in-process):")
            print(f"  {'request':<44} {'per page':>8} {'SQL':>5} {'median ms':>10}")
            for query in ("", "language=de&sort=size", "q=kompost"):
                for per_page in (10, 20, 50, 100):
                    url = f"/p/bench/library?per_page={per_page}&{query}"
                    times = []
                    for _ in range(5):
                        db.session.remove()
                        statements[0] = 0
                        started = time.perf_counter()
                        response = client.get(url)
                        times.append((time.perf_counter() - started) * 1000)
                        assert response.status_code == 200
                    label = "/p/bench/library" + (f"?{query}" if query else "")
                    print(
                        f"  {label:<44} {per_page:>8} {statements[0]:>5} "
                        f"{statistics.median(times):>10.1f}"
                    )
            db.engine.dispose()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _insert_documents(partnership, user, count: int) -> None:
    now = utcnow()
    languages = ["tr", "de", "en", "fr", "el", "bg"]
    words = ["kompost", "atık", "Regenwasser", "mobilité", "Σχέδιο", "обмен", "bütçe", "Protokoll"]
    for start in range(0, count, 2000):
        batch = range(start, min(start + 2000, count))
        documents = [
            {
                "id": n + 1,
                "partnership_id": partnership.id,
                "title": f"Belge {n} {words[n % 8]}",
                "title_key": normalise(f"Belge {n} {words[n % 8]}"),
                "description": "",
                "language": languages[n % 6],
                "visibility": "members",
                "current_version_number": 1,
                "version_changed_at": now,
                "search_meta": normalise(f"Belge {n} {words[n % 8]}"),
                "created_by_id": user.id,
                "created_at": now,
                "updated_at": now,
            }
            for n in batch
        ]
        versions = [
            {
                "document_id": n + 1,
                "number": 1,
                "filename": f"belge-{n}.txt",
                "sha256": f"{n:064x}",
                "size": 1000 + n,
                "kind": "text",
                "media_type": "text/plain",
                "change_note": "",
                "uploaded_by_id": user.id,
                "created_at": now,
                "extracted_text": f"Metin {n}: {words[(n * 3) % 8]} ve daha fazlası",
                "search_text": normalise(f"Metin {n}: {words[(n * 3) % 8]} ve daha fazlası"),
                "extraction_status": "ok",
            }
            for n in batch
        ]
        db.session.execute(insert(Document), documents)
        db.session.execute(insert(DocumentVersion), versions)
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upload-mb", type=int, default=200)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--skip-upload", action="store_true")
    args = parser.parse_args()
    if not args.skip_upload:
        bench_upload(args.upload_mb)
    bench_list(args.documents)


if __name__ == "__main__":
    main()
