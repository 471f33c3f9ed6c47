"""The suggester's linear models: TF-IDF vectors, fitting, the model file's layout, the blend."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from service.config import Settings
from service.suggest.linear import PRUNE, LinearKind, pack, tf_idf, unpack, vocabulary_of
from service.suggest.linear_fit import examples_of, fit, idf_table
from service.suggest.model import MODEL_FILE, SuggestModel
from service.suggest.scoring import Scored
from service.suggest.suggester import _blended, suggest
from service.suggest.text import Feature, features

TEXTS = [
    ("网络安全培训", ["16.a"]),
    ("网络安全战略", ["16.a"]),
    ("数字技能培训", ["4.4"]),
    ("数字技能课程", ["4.4"]),
    ("频谱管理", []),
]


def read(text: str) -> list[Feature]:
    return features(text)


def test_tf_idf_is_unit_length_over_known_features_only() -> None:
    found = features("网络安全网络安全培训")
    idf = {"c网络": 1.5, "c安全": 1.2, "c培训": 2.0}
    values = tf_idf(found, lambda name: idf.get(name, 0.0))
    assert set(values) == set(idf)
    assert math.isclose(sum(v * v for v in values.values()), 1.0)
    # "网络" twice: (1 + ln 2) x idf before scaling
    raw = {"c网络": (1 + math.log(2)) * 1.5, "c安全": (1 + math.log(2)) * 1.2, "c培训": 2.0}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    assert all(math.isclose(values[k], raw[k] / norm) for k in raw)
    assert tf_idf(found, lambda name: 0.0) == {}


def test_idf_keeps_features_of_at_least_two_texts() -> None:
    idf = idf_table(examples_of(TEXTS, read))
    assert "c网络" in idf and "c数字" in idf
    assert "c频谱" not in idf  # one text only
    assert list(idf) == sorted(idf)
    n = len(TEXTS)
    assert idf["c培训"] == round(math.log((1 + n) / (1 + 2)) + 1, 4)


@pytest.fixture(scope="module")
def tiny() -> LinearKind:
    spec = fit(examples_of(TEXTS, read), examples_of([("网络安全", ["16.a"])], read), 0.4, 3.0,
               0.45)  # fmt: skip
    return LinearKind.from_dict(spec, vocabulary_of([spec]))


def scored(kind: LinearKind, text: str) -> dict[str, Scored]:
    """Label -> its probability with the words that raise it most."""
    found = features(text)
    probable = kind.probabilities(found)
    return {label: Scored(p, kind.spans(found, probable.values, label))
            for label, p in probable.labels.items()}  # fmt: skip


def test_a_fitted_model_points_each_text_to_its_label(tiny: LinearKind) -> None:
    security = scored(tiny, "网络安全研讨会")
    skills = scored(tiny, "数字技能讲习班")
    assert security["16.a"].score > security.get("4.4", Scored(0.0, ())).score
    assert skills["4.4"].score > skills.get("16.a", Scored(0.0, ())).score
    # the evidence is where the text says it
    start, end = security["16.a"].spans[0]
    assert "网络安全研讨会"[start:end] in "网络安全"


def test_fitting_is_deterministic_and_rounded() -> None:
    first = fit(examples_of(TEXTS, read), [], 0.4, 3.0, 0.45)
    again = fit(examples_of(TEXTS, read), [], 0.4, 3.0, 0.45)
    assert first == again
    flat = first["weights"]
    labels, thousandths = unpack("H", flat["labels"]), unpack("h", flat["thousandths"])
    assert len(labels) == len(thousandths) > 0
    assert all(abs(w) >= PRUNE * 1000 for w in thousandths)
    assert list(unpack("I", flat["starts"])) == sorted(unpack("I", flat["starts"]))
    assert all(b == round(b, 3) for b in first["intercepts"])


def test_packed_numbers_read_back_the_same_on_any_byte_order() -> None:
    numbers = [0, 1, -2, 32767, -32768]
    assert list(unpack("h", pack("h", numbers))) == numbers
    assert pack("h", [1]) == "AQA="  # little-endian whatever the machine


def test_the_blend_mixes_scores_in_fixed_shares_and_caps_the_probability(
    tiny: LinearKind,
) -> None:
    assert tiny.blend(0.5, 0.1) == pytest.approx(0.6 * 0.5 + 0.4 * 0.3)
    assert tiny.blend(0.0, 0.9) == pytest.approx(0.4)  # 3 x 0.9 capped at 1
    quotes = {"4.4": ((3, 5),), "16.a": ((6, 8),)}
    blended = _blended(tiny, {"4.4": Scored(0.8, ((0, 2),))}, {"4.4": 0.2, "16.a": 0.5},
                       quotes.__getitem__)  # fmt: skip
    assert blended["4.4"] == Scored(pytest.approx(0.6 * 0.8 + 0.4 * 0.6), ((0, 2),))
    # a label only the linear model sees quotes the linear model's words
    assert blended["16.a"] == Scored(pytest.approx(0.4), ((6, 8),))


def test_the_served_model_blends_the_kinds_it_has_linear_models_for(settings: Settings) -> None:
    model = SuggestModel.load(Path(settings.generated_dir) / MODEL_FILE)
    assert set(model.linear) == {"sdgTarget", "wsisActionLine", "thematicPriority"}
    answer = suggest(model, "国际电联协助该国建立国家计算机事件响应小组，并举办网络安全演练。")
    targets = answer["suggestions"]["sdgTarget"]
    lines = {item["notation"] for item in answer["suggestions"]["wsisActionLine"]}
    assert "C5" in lines
    assert all(item["score"] >= model.linear["sdgTarget"].threshold for item in targets)
    assert all(item["evidence"] for item in targets)


def test_the_best_thematic_priority_is_always_listed_and_only_it(settings: Settings) -> None:
    model = SuggestModel.load(Path(settings.generated_dir) / MODEL_FILE)
    for text in ("A meeting was held.", "国际电联举办了网络安全和应急通信讲习班。"):
        listed = suggest(model, text)["suggestions"]["thematicPriority"]
        everything = suggest(model, text, everything=True)["suggestions"]["thematicPriority"]
        assert len(listed) == 1 and "belowThreshold" not in listed[0]
        assert everything[0] == listed[0]
        assert all(item.get("belowThreshold") for item in everything[1:])
