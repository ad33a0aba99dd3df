"""A local HTTP server that speaks the LibreTranslate and DeepL APIs, for the adapter tests.

Each test sets `server.mode` ("ok", "error" for HTTP 500 on every call, "slow" to exceed the
timeout) or names single DeepL calls that should fail in `server.failing` ("POST /v2/glossaries",
"DELETE /v2/glossaries", "POST /v2/translate"), and reads `server.requests` (path, headers, JSON
body) and `server.calls` (method, path) afterwards. `server.glossaries` holds the glossaries
DeepL would have for the account, by id; deleting one from it imitates a deletion on DeepL's side,
and `server.forgetful = True` makes DeepL lose every glossary right after creating it.

DeepL's documented behaviour imitated here: POST /v2/glossaries takes name, source_lang,
target_lang, entries and entries_format ("tsv") and answers 201 with the glossary; DELETE
/v2/glossaries/{id} answers 204, or 404 for an unknown id; POST /v2/translate with a glossary_id
needs source_lang, answers 404 for an unknown glossary and 400 when the glossary's language pair
differs from the request's.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEEPL_KEY = "test-key:fx"


class FakeProviderServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = "ok"
        self.failing: set[str] = set()
        self.requests: list[tuple[str, dict, dict]] = []
        self.calls: list[tuple[str, str]] = []
        self.glossaries: dict[str, dict] = {}
        self.forgetful = False
        self._ids = itertools.count(1)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def new_glossary_id(self) -> str:
        return f"g-{next(self._ids)}"

    def calls_to(self, method: str, path_prefix: str) -> list[str]:
        """The paths of the calls made with `method` to paths starting with `path_prefix`."""
        return [path for m, path in self.calls if m == method and path.startswith(path_prefix)]


class Handler(BaseHTTPRequestHandler):
    server: FakeProviderServer

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _answer(self, status: int, payload: dict | None = None) -> None:
        body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        if payload is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _receive(self, method: str) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append((self.path, dict(self.headers), payload))
        self.server.calls.append((method, self.path))
        if self.server.mode == "slow":
            time.sleep(1.0)
        return payload

    def _fails(self, method: str) -> bool:
        if self.server.mode == "error":
            return True
        return any(f"{method} {self.path}".startswith(name) for name in self.server.failing)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        payload = self._receive("POST")
        if self._fails("POST"):
            return self._answer(500, {"error": "Internal Server Error"})
        if self.path == "/translate":  # LibreTranslate
            return self._answer(200, {"translatedText": f"[{payload['target']}] {payload['q']}"})
        if not self.path.startswith("/v2/"):
            return self._answer(404, {"message": "Not found"})
        if self.headers.get("Authorization") != f"DeepL-Auth-Key {DEEPL_KEY}":
            return self._answer(403, {"message": "Wrong key"})
        if self.path == "/v2/glossaries":
            return self._create_glossary(payload)
        if self.path == "/v2/translate":
            return self._translate(payload)
        return self._answer(404, {"message": "Not found"})

    def do_DELETE(self) -> None:  # noqa: N802 - http.server's name
        self._receive("DELETE")
        if self._fails("DELETE"):
            return self._answer(500, {"error": "Internal Server Error"})
        if self.headers.get("Authorization") != f"DeepL-Auth-Key {DEEPL_KEY}":
            return self._answer(403, {"message": "Wrong key"})
        prefix = "/v2/glossaries/"
        if not self.path.startswith(prefix):
            return self._answer(404, {"message": "Not found"})
        if self.server.glossaries.pop(self.path[len(prefix):], None) is None:
            return self._answer(404, {"message": "Glossary not found"})
        return self._answer(204)

    def _create_glossary(self, payload: dict) -> None:
        required = ("name", "source_lang", "target_lang", "entries", "entries_format")
        if any(not payload.get(key) for key in required) or payload["entries_format"] != "tsv":
            return self._answer(400, {"message": "Bad request"})
        lines = payload["entries"].split("\n")
        if any(len(line.split("\t")) != 2 for line in lines):
            return self._answer(400, {"message": "Invalid glossary entries"})
        glossary_id = self.server.new_glossary_id()
        if not self.server.forgetful:
            self.server.glossaries[glossary_id] = payload
        return self._answer(201, {
            "glossary_id": glossary_id, "name": payload["name"], "ready": True,
            "source_lang": payload["source_lang"], "target_lang": payload["target_lang"],
            "creation_time": "2026-11-30T10:00:00.000Z", "entry_count": len(lines),
        })

    def _translate(self, payload: dict) -> None:
        glossary_id = payload.get("glossary_id")
        if glossary_id:
            glossary = self.server.glossaries.get(glossary_id)
            if glossary is None:
                return self._answer(404, {"message": "Glossary not found"})
            pair = (payload.get("source_lang", "").lower(),
                    payload["target_lang"].split("-")[0].lower())
            if pair != (glossary["source_lang"].lower(), glossary["target_lang"].lower()):
                return self._answer(400, {"message": "Glossary does not match language pair"})
        text = payload["text"][0]
        return self._answer(200, {"translations": [
            {"detected_source_language": payload["source_lang"],
             "text": f"[{payload['target_lang']}] {text}"}
        ]})


def start() -> FakeProviderServer:
    server = FakeProviderServer()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                     daemon=True).start()
    return server
