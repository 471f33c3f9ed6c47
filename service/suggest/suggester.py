"""`suggest(model, text)`: what a new activity's text links to, in CONTRACT v2's shape.

Learned kinds (thematic priority, regional initiative, Question, SDG target, WSIS line) come from
the model's weights (`service.suggest.scoring`); a code the text prints (SDG 9.c, 第5/2号课题,
ASP RI 3, 行动方面C5) is a suggestion with score 1. Countries, partners and regions are names
found in the text; a region is also suggested through a suggested initiative or through the
countries the text names (how often the report places that country in that region). Years are
the years printed, those that date the activity above the threshold and targets ("by 2030")
or titles' years below it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Final

from service.suggest import names as found_in
from service.suggest.linear import LinearKind
from service.suggest.model import SuggestModel
from service.suggest.scoring import Scored
from service.suggest.text import MAX_CHARS, detect_language, features

KINDS: Final = ("thematicPriority", "region", "regionalInitiative", "question", "sdgTarget",
                "wsisActionLine", "country", "partner", "year")  # fmt: skip
#: What a kind found by name (not learned) must score to be listed.
NAME_THRESHOLD: Final = 0.5
NAMED, REGION_NAMED, PARTNER, EVENT_YEAR, OTHER_YEAR = 0.95, 0.9, 0.9, 0.9, 0.3
_RI_ZH = re.compile(
    r"(非洲|美洲|阿拉伯国家|阿拉伯|亚太|亚洲及太平洋|独联体国家|独联体|欧洲)"
    r"(?:区域性举措|区域举措)\s?([1-5])"
)
_RI_REGION = {
    "非洲": "AFR", "美洲": "AMS", "阿拉伯国家": "ARB", "阿拉伯": "ARB", "亚太": "ASP",
    "亚洲及太平洋": "ASP", "独联体国家": "CIS", "独联体": "CIS", "欧洲": "EUR",
}  # fmt: skip


@dataclass
class Candidate:
    """A label of a kind: its best score and every span behind it."""

    score: float = 0.0
    spans: list[tuple[int, int]] = field(default_factory=list)

    def add(self, score: float, spans: Iterable[tuple[int, int]]) -> None:
        self.score = max(self.score, score)
        for span in spans:
            if span not in self.spans:
                self.spans.append(span)


Candidates = dict[str, dict[str, Candidate]]


def _put(candidates: Candidates, kind: str, label: str, score: float,
         spans: Iterable[tuple[int, int]]) -> None:  # fmt: skip
    candidates.setdefault(kind, {}).setdefault(label, Candidate()).add(score, spans)


def _learned(model: SuggestModel, text: str, candidates: Candidates) -> None:
    countries = model.names.get("country")
    found = features(text, countries.spans(text) if countries is not None else ())
    for kind, learned in model.learned.items():
        scored: dict[str, Scored] = learned.score(found)
        linear = model.linear.get(kind)
        if linear is not None:
            probable = linear.probabilities(found)
            quote = partial(linear.spans, found, probable.values)
            scored = _blended(linear, scored, probable.labels, quote)
        for label, result in scored.items():
            _put(candidates, kind, label, result.score, result.spans)


def _blended(linear: LinearKind, evidence: dict[str, Scored], probabilities: dict[str, float],
             quote: Callable[[str], tuple[tuple[int, int], ...]]) -> dict[str, Scored]:  # fmt: skip
    """Each label's blend of the evidence score and the linear probability; its evidence is the
    evidence method's words, or, only when that method found none, the linear model's
    (`quote(label)`: most labels have the evidence method's, so most are never quoted twice)."""
    blended = {}
    for label in sorted(evidence.keys() | probabilities.keys()):
        own, probability = evidence.get(label), probabilities.get(label)
        score = linear.blend(own.score if own else 0.0, probability or 0.0)
        spans = own.spans if own and own.spans else (quote(label) if probability else ())
        blended[label] = Scored(score, spans)
    return blended


def _codes(text: str, candidates: Candidates) -> None:
    for kind, finder in (("question", found_in.questions), ("sdgTarget", found_in.sdg_targets),
                         ("wsisActionLine", found_in.wsis_lines),
                         ("regionalInitiative", found_in.initiative_codes)):  # fmt: skip
        for hit in finder(text):
            _put(candidates, kind, hit.value, 1.0, [(hit.start, hit.end)])
    for match in _RI_ZH.finditer(text):
        code = f"{_RI_REGION[match.group(1)]}{match.group(2)}"
        _put(candidates, "regionalInitiative", code, 1.0, [match.span()])


def _named(model: SuggestModel, text: str, candidates: Candidates) -> None:
    for kind, score in (("country", NAMED), ("partner", PARTNER), ("region", REGION_NAMED)):
        index = model.names.get(kind)
        for hit in index.find(text) if index is not None else ():
            _put(candidates, kind, hit.value, score, [(hit.start, hit.end)])
    for hit, dates in found_in.years(text):
        _put(candidates, "year", hit.value, EVENT_YEAR if dates else OTHER_YEAR,
             [(hit.start, hit.end)])  # fmt: skip


def _regions_implied(model: SuggestModel, candidates: Candidates) -> None:
    """A region through a suggested initiative, or through a country the report places there."""
    threshold = model.learned["regionalInitiative"].threshold
    for code, candidate in list(candidates.get("regionalInitiative", {}).items()):
        if candidate.score >= threshold:
            _put(candidates, "region", code[:3], candidate.score, candidate.spans)
    for iso3, candidate in list(candidates.get("country", {}).items()):
        for region, share in model.country_regions.get(iso3, ()):
            _put(candidates, "region", region, round(share * REGION_NAMED, 3), candidate.spans)


def _threshold(model: SuggestModel, kind: str) -> float:
    linear = model.linear.get(kind)
    if linear is not None:
        return linear.threshold
    learned = model.learned.get(kind)
    return learned.threshold if learned is not None else NAME_THRESHOLD


def _items(model: SuggestModel, kind: str, text: str, labels: dict[str, Candidate],
           everything: bool) -> list[dict[str, Any]]:  # fmt: skip
    entities = model.entities.get(kind, {})
    threshold = _threshold(model, kind)
    ranked = sorted(labels.items(), key=lambda pair: (-round(pair[1].score, 3), pair[0]))
    items = []
    for rank, (label, candidate) in enumerate(ranked):
        entity = entities.get(label)
        if entity is None and kind != "year":
            continue  # a label the reference does not know is never offered
        score = round(candidate.score, 3)
        # an activity has exactly one thematic priority: the best is always the suggestion (its
        # score says how sure), the others never are
        below = rank > 0 if kind == "thematicPriority" else score < threshold
        if below and not everything:
            continue
        item: dict[str, Any] = {
            "iri": entity["iri"] if entity else None,  # a year is a literal, not an entity
            "notation": label,
            "label": {"en": (entity or {}).get("en", label), "zh": (entity or {}).get("zh", label)},
            "score": score,
            "evidence": [{"text": text[s:e], "start": s, "end": e} for s, e in candidate.spans],
        }
        if below:
            item["belowThreshold"] = True
        items.append(item)
    return items


def suggest(model: SuggestModel, text: str, lang: str | None = None,
            everything: bool = False) -> dict[str, Any]:  # fmt: skip
    """The suggestions for `text` (its first MAX_CHARS characters), best first per kind."""
    read = text[:MAX_CHARS]
    candidates: Candidates = {}
    _learned(model, read, candidates)
    _codes(read, candidates)
    _named(model, read, candidates)
    _regions_implied(model, candidates)
    return {
        "method": {"name": model.name, "version": model.version},
        "lang": lang or detect_language(read),
        "charactersRead": len(read),
        "truncated": len(text) > MAX_CHARS,
        "suggestions": {
            kind: _items(model, kind, read, candidates.get(kind, {}), everything) for kind in KINDS
        },
    }
