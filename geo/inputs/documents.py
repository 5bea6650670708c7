"""Decode untrusted article files (plain text, Markdown, HTML) into text, within limits."""

from __future__ import annotations

import codecs
import re
import unicodedata
from html.parser import HTMLParser

from geo.errors import DataFormatError

__all__ = ["MAX_BYTES", "MAX_CHARS", "UPLOAD_LIMIT_MIB", "decode_article_bytes", "html_to_text",
           "mib"]


#: Largest input file accepted, 10 MiB (a news page, even as HTML, is far smaller). Sizes are
#: binary throughout drillmap: 1 MiB = 1,048,576 bytes, as Streamlit counts its upload limit.
MAX_BYTES = 10 * 1024 * 1024


#: The app's upload limit in MiB, for the widget and the server (``server.maxUploadSize``, set
#: by ``python -m geo app``). Above :data:`MAX_BYTES` so that ingest can say why a file is
#: refused instead of the widget's terse rejection.
UPLOAD_LIMIT_MIB = 32


def mib(size: int) -> str:
    """A byte count in MiB for messages.

    >>> mib(MAX_BYTES), mib(11_200_000)
    ('10 MiB', '10.7 MiB')
    """
    value = size / 1024 / 1024
    return f"{value:.0f} MiB" if value == round(value) else f"{value:.1f} MiB"


#: Largest cleaned article text accepted, in characters.
MAX_CHARS = 1_000_000


_MAGIC = (
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"), (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)


_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


_CHARSET_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""",
                           re.IGNORECASE)


def _is_html(data: str, name: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = data[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in head)


def decode_article_bytes(data: bytes, *, name: str = "input") -> str:
    """Decode an uploaded or read file to text, or explain why it is not a text article.

    Tries, in order: a byte-order mark (UTF-8/UTF-16), strict UTF-8, the charset an HTML page
    declares, then Windows-1252 when the result looks like Latin-script text. Anything else is
    an unknown encoding: guessing would put mojibake into the database.

    Raises
    ------
    DataFormatError
        Empty, binary (PDF, image, archive ...), or undecodable input, naming the file.
    """
    if not data.strip():
        raise DataFormatError("empty file: nothing to ingest", path=name)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DataFormatError(f"{what}, not a text article: save it as .txt, .html or .md",
                                  path=name)
    if data.startswith(codecs.BOM_UTF8):
        return _checked_text(data[3:].decode("utf-8", errors="strict"), name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked_text(data.decode("utf-16"), name)
        except UnicodeDecodeError as exc:
            raise DataFormatError(f"broken UTF-16 text ({exc.reason})", path=name) from exc
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 20:
        raise DataFormatError("binary file, not text", path=name)
    try:
        return _checked_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    declared = _CHARSET_META.search(data[:4096])
    if declared:
        try:
            info = codecs.lookup(declared.group(1).decode("ascii"))
            if getattr(info, "_is_text_encoding", True):
                return _checked_text(data.decode(info.name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    if not (_CP1252_UNDEFINED & set(data)):
        text = data.decode("cp1252")
        letters = [c for c in text if c.isalpha()]
        foreign = sum(1 for c in letters if ord(c) > 127)
        if letters and foreign <= 0.15 * len(letters):
            return _checked_text(text, name)
    raise DataFormatError("unknown text encoding (not UTF-8, UTF-16 or Windows-1252 Latin "
                          "text): save the file as UTF-8", path=name)


#: Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F, fixed by the
#: standard's stability policy) other than tab, line feed and carriage return.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _checked_text(text: str, name: str) -> str:
    # Untrusted text: drop control characters other than tab and newlines, normalise NFC.
    text = _CONTROL_CHARACTERS.sub("", text)
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise DataFormatError("empty file: nothing to ingest", path=name)
    return text


class _HTMLText(HTMLParser):
    """Visible text of a page, one block per line; title and publication date kept aside."""

    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "nav", "footer",
                      "aside", "form", "button", "iframe", "head", "select", "canvas"})
    BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                       "section", "article", "header", "figcaption", "blockquote", "pre",
                       "table", "ul", "ol", "dd", "dt", "hr", "main", "figure", "caption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title = ""
        self.published = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "date", "pubdate",
                       "og:published_time", "publish-date") and not self.published:
                self.published = a.get("content", "")
        elif tag == "time" and a.get("datetime") and not self.published:
            self.published = a["datetime"]
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str, str]:
    """Strip tags with the standard library's parser: ``(text, title, published)``.

    Scripts, styles, navigation, footers and forms are dropped; block elements become line
    breaks; entities are decoded. ``published`` is the page's own date metadata, if any.
    """
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    return "\n".join(x for x in lines if x), " ".join(parser.title.split()), parser.published


def _markdown_to_text(text: str) -> str:
    """Plain text of Markdown: headings, emphasis, links and images reduced to their words."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s{0,3}(?:[-*+]|>)\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
