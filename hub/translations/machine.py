"""Machine translation: a small provider interface with LibreTranslate and DeepL adapters.

Off by default. DeepL is used when DEEPL_API_KEY is set, LibreTranslate (free software, usually
self-hosted) when MT_URL is set; without either, `get_provider()` is None and the hub shows no
machine-translation buttons. Adapters speak each provider's documented HTTP API with urllib and a
timeout; every failure becomes a `MachineTranslationError` that the caller turns into a message.

Adapters know HTTP only. Which DeepL glossary a partnership uses is remembered in the database by
the service layer (services.py, `MachineGlossary`), so that every worker process and every restart
reuses the same glossary instead of creating a new one at DeepL (which limits glossaries per
account).
"""

from __future__ import annotations

import hashlib
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from flask import current_app

log = logging.getLogger(__name__)


class MachineTranslationError(Exception):
    """The provider could not translate (unreachable, timed out, refused, answered nonsense)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # the HTTP status when the provider answered with an error


class GlossaryNotFound(MachineTranslationError):
    """The provider does not know the glossary id it was given (deleted on its side)."""


@dataclass(frozen=True)
class Glossary:
    """Terms to keep consistent: (source term, target term) pairs for one language pair."""

    name: str
    pairs: tuple[tuple[str, str], ...]

    @property
    def fingerprint(self) -> str:
        raw = json.dumps([self.name, self.pairs], ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()


class Provider:
    name = ""
    supports_glossary = False
    url = ""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def translate(self, text: str, source: str, target: str,
                  glossary_id: str | None = None) -> str:
        """The translation; with `glossary_id` (from `create_glossary`) its terms are kept.

        Raises GlossaryNotFound when the provider no longer knows that glossary.
        """
        raise NotImplementedError

    def create_glossary(self, glossary: Glossary, source: str, target: str) -> str:
        """Create a glossary at the provider and return its id (only if supports_glossary)."""
        raise MachineTranslationError(f"{self.name}: glossaries are not supported")

    def delete_glossary(self, glossary_id: str) -> None:
        """Delete a glossary at the provider; raises MachineTranslationError when that fails."""
        raise MachineTranslationError(f"{self.name}: glossaries are not supported")

    def _request(self, url: str, payload: dict | None, headers: dict | None = None,
                 method: str = "POST") -> dict:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(  # noqa: S310 - URL from the operator's configuration
            url, data=data, method=method,
            headers={"Content-Type": "application/json", "Accept": "application/json",
                     **(headers or {})},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as error:
            error.close()  # it holds the connection open otherwise
            raise MachineTranslationError(f"{self.name}: HTTP {error.code}",
                                          status=error.code) from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise MachineTranslationError(f"{self.name}: {error}") from error
        try:
            return json.loads(body or b"{}")
        except ValueError as error:
            raise MachineTranslationError(f"{self.name}: not JSON") from error


class LibreTranslate(Provider):
    """POST {MT_URL}/translate with q, source, target, format (and api_key when configured)."""

    name = "libretranslate"

    def __init__(self, url: str, api_key: str = "", timeout: float = 10) -> None:
        super().__init__(timeout)
        self.url = url.rstrip("/")
        self.api_key = api_key

    def translate(self, text: str, source: str, target: str,
                  glossary_id: str | None = None) -> str:
        payload = {"q": text, "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = self._request(f"{self.url}/translate", payload)
        translated = answer.get("translatedText")
        if not isinstance(translated, str):
            raise MachineTranslationError(f"{self.name}: no translatedText in the answer")
        return translated


# DeepL names a few target languages by variant; sources are plain codes.
DEEPL_TARGETS = {"en": "EN-GB", "pt": "PT-PT"}


class DeepL(Provider):
    """POST {DEEPL_URL}/v2/translate; glossaries through POST and DELETE /v2/glossaries.

    The adapter keeps no glossary ids itself: the caller stores them (see services.py).
    """

    name = "deepl"
    supports_glossary = True

    def __init__(self, api_key: str, url: str = "https://api-free.deepl.com",
                 timeout: float = 10) -> None:
        super().__init__(timeout)
        self.api_key = api_key
        self.url = url.rstrip("/")

    @property
    def _auth(self) -> dict:
        return {"Authorization": f"DeepL-Auth-Key {self.api_key}"}

    def translate(self, text: str, source: str, target: str,
                  glossary_id: str | None = None) -> str:
        payload = {
            "text": [text],
            "source_lang": source.upper(),
            "target_lang": DEEPL_TARGETS.get(target, target.upper()),
        }
        if glossary_id:
            payload["glossary_id"] = glossary_id
        try:
            answer = self._request(f"{self.url}/v2/translate", payload, self._auth)
        except MachineTranslationError as error:
            if glossary_id and error.status == 404:
                raise GlossaryNotFound(f"{self.name}: glossary {glossary_id} not found",
                                       status=404) from error
            raise
        try:
            return answer["translations"][0]["text"]
        except (KeyError, IndexError, TypeError) as error:
            raise MachineTranslationError(f"{self.name}: no translation in the answer") from error

    def create_glossary(self, glossary: Glossary, source: str, target: str) -> str:
        entries = "\n".join(
            f"{_tsv(a)}\t{_tsv(b)}" for a, b in glossary.pairs if _tsv(a) and _tsv(b)
        )
        answer = self._request(f"{self.url}/v2/glossaries", {
            "name": glossary.name, "source_lang": source, "target_lang": target,
            "entries": entries, "entries_format": "tsv",
        }, self._auth)
        glossary_id = answer.get("glossary_id")
        if not glossary_id or not isinstance(glossary_id, str):
            raise MachineTranslationError(f"{self.name}: no glossary_id in the answer")
        return glossary_id

    def delete_glossary(self, glossary_id: str) -> None:
        quoted = urllib.parse.quote(glossary_id, safe="")
        self._request(f"{self.url}/v2/glossaries/{quoted}", None, self._auth, method="DELETE")


def _tsv(text: str) -> str:
    return " ".join((text or "").split())


def get_provider() -> Provider | None:
    config = current_app.config
    timeout = float(config.get("MT_TIMEOUT") or 10)
    if config.get("DEEPL_API_KEY"):
        return DeepL(config["DEEPL_API_KEY"], config.get("DEEPL_URL") or
                     "https://api-free.deepl.com", timeout)
    if config.get("MT_URL"):
        return LibreTranslate(config["MT_URL"], config.get("MT_API_KEY") or "", timeout)
    return None


def machine_translation_enabled() -> bool:
    config = current_app.config
    return bool(config.get("DEEPL_API_KEY") or config.get("MT_URL"))
