"""A local HTTP server that speaks the LibreTranslate and DeepL APIs, for the adapter tests.

Each test sets `server.mode` ("ok", "error" for HTTP 500, "slow" to exceed the timeout) and reads
`server.requests` (path, headers, JSON body) afterwards.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeProviderServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.mode = "ok"
        self.requests: list[tuple[str, dict, dict]] = []
        self.glossaries: dict[str, dict] = {}

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class Handler(BaseHTTPRequestHandler):
    server: FakeProviderServer

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _answer(self, status: int, payload: dict) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length") or 0)
        payload = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append((self.path, dict(self.headers), payload))
        if self.server.mode == "slow":
            time.sleep(1.0)
        if self.server.mode == "error":
            return self._answer(500, {"error": "Internal Server Error"})
        if self.path == "/translate":  # LibreTranslate
            return self._answer(200, {"translatedText": f"[{payload['target']}] {payload['q']}"})
        if self.path.startswith("/v2/"):
            if self.headers.get("Authorization") != "DeepL-Auth-Key test-key:fx":
                return self._answer(403, {"message": "Wrong key"})
            if self.path == "/v2/glossaries":
                glossary_id = f"g-{len(self.server.glossaries) + 1}"
                self.server.glossaries[glossary_id] = payload
                return self._answer(201, {"glossary_id": glossary_id, "ready": True})
            if self.path == "/v2/translate":
                text = payload["text"][0]
                return self._answer(200, {"translations": [
                    {"detected_source_language": payload["source_lang"],
                     "text": f"[{payload['target_lang']}] {text}"}
                ]})
        return self._answer(404, {"message": "Not found"})


def start() -> FakeProviderServer:
    server = FakeProviderServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
