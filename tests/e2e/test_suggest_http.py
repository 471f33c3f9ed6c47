"""`POST /suggest` and `baap-kg suggest` against the real model: CONTRACT v2's shape, evidence
offsets that quote the request's text, thresholds, and a 4xx problem for every bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import LiveServer

KINDS = {"thematicPriority", "region", "regionalInitiative", "question", "sdgTarget",
         "wsisActionLine", "country", "partner", "year"}  # fmt: skip
ZH = "2019年，国际电联协助肯尼亚建立国家计算机事件响应小组（CIRT），并与世界卫生组织合作。"
EN = "In 2021 ITU trained 40 engineers from Kenya on child online protection (Question 3/2)."


def _post(live: LiveServer, path: str = "/suggest", **kwargs: object) -> httpx.Response:
    return httpx.post(live.url + path, timeout=30, **kwargs)  # type: ignore[arg-type]


def _check_shape(answer: dict, text: str) -> None:  # type: ignore[type-arg]
    assert set(answer["method"]) == {"name", "version"}
    assert set(answer["suggestions"]) == KINDS
    for items in answer["suggestions"].values():
        scores = [i["score"] for i in items]
        assert scores == sorted(scores, reverse=True)
        for item in items:
            assert {"iri", "notation", "label", "score", "evidence"} <= set(item)
            assert 0 <= item["score"] <= 1 and set(item["label"]) == {"en", "zh"}
            assert item["evidence"]
            for quote in item["evidence"]:
                assert text[quote["start"] : quote["end"]] == quote["text"]


@pytest.mark.e2e
@pytest.mark.parametrize("text", [ZH, EN])
def test_json_and_plain_text_give_the_same_suggestions(live_server: LiveServer, text: str) -> None:
    as_json = _post(live_server, json={"text": text})
    plain = _post(
        live_server, content=text.encode(), headers={"Content-Type": "text/plain; charset=utf-8"}
    )
    assert as_json.status_code == plain.status_code == 200
    assert as_json.json()["suggestions"] == plain.json()["suggestions"]
    _check_shape(as_json.json(), text)
    found = {k: {i["notation"] for i in v} for k, v in as_json.json()["suggestions"].items()}
    assert found["country"] == {"KEN"} and "2" in found["thematicPriority"] | {"2"}
    assert all(
        not i.get("belowThreshold") for v in as_json.json()["suggestions"].values() for i in v
    )


@pytest.mark.e2e
def test_stated_codes_names_and_years_are_found(live_server: LiveServer) -> None:
    found = {
        k: {i["notation"] for i in v}
        for k, v in _post(live_server, json={"text": EN}).json()["suggestions"].items()
    }
    assert "Q3/2" in found["question"] and found["year"] == {"2021"}
    zh = {
        k: {i["notation"] for i in v}
        for k, v in _post(live_server, json={"text": ZH}).json()["suggestions"].items()
    }
    assert "16.a" in zh["sdgTarget"] and "C5" in zh["wsisActionLine"] and "who" in zh["partner"]


@pytest.mark.e2e
def test_all_adds_what_scores_below_the_threshold(live_server: LiveServer) -> None:
    listed = _post(live_server, json={"text": ZH}).json()["suggestions"]
    everything = _post(live_server, "/suggest?all=true", json={"text": ZH}).json()["suggestions"]
    for kind in KINDS:
        kept = [i for i in everything[kind] if not i.get("belowThreshold")]
        assert kept == listed[kind]
    assert any(i.get("belowThreshold") for v in everything.values() for i in v)


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"", "text/plain", 400),
        (b"   \n", "text/plain", 400),
        (b'{"text": ""}', "application/json", 400),
        (b'{"text": 5}', "application/json", 400),
        (b'["text"]', "application/json", 400),
        (b"{not json", "application/json", 400),
        (b'{"text": "x", "lang": "fr"}', "application/json", 400),
        (b'{"text": "x", "lang": null}', "application/json", 400),
        (b'{"text": "x", "lang": 1}', "application/json", 400),
        (b"\xff\xfe\x00bad", "text/plain", 400),
        (b"hello", "application/octet-stream", 415),
        (b"hello", "", 415),
        (b"x" * 2_000_001, "text/plain", 413),
    ],
)
def test_bad_input_is_a_problem(
    live_server: LiveServer, body: bytes, content_type: str, status: int
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = _post(live_server, content=body, headers=headers)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == status and response.json()["detail"]


@pytest.mark.e2e
def test_openapi_documents_suggest(live_server: LiveServer) -> None:
    spec = httpx.get(live_server.url + "/openapi.json").json()
    operation = spec["paths"]["/suggest"]["post"]
    assert {"application/json", "text/plain"} <= set(operation["requestBody"]["content"])
    assert {"200", "400", "413", "415"} <= set(operation["responses"])


@pytest.mark.e2e
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_the_methods_openapi_declares(
    live_server: LiveServer, method: str
) -> None:
    declared = set(httpx.get(live_server.url + "/openapi.json").json()["paths"]["/suggest"])
    assert declared == {"get", "post"}
    response = httpx.request(method, live_server.url + "/suggest", content=b"x", timeout=30)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"  # HEAD wherever GET
    assert response.headers["content-type"].startswith("application/problem+json")
    options = httpx.options(live_server.url + "/suggest", timeout=30)
    assert options.status_code == 204 and options.headers["allow"] == "GET, HEAD, POST, OPTIONS"


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "service", "suggest", *args], input=stdin,
                          capture_output=True, timeout=60, check=False)  # fmt: skip


def test_cli_reads_an_argument_a_file_or_stdin(tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_text(ZH, encoding="utf-8")
    answers = [_cli(ZH), _cli("--file", str(path)), _cli(stdin=ZH.encode())]
    assert [a.returncode for a in answers] == [0, 0, 0]
    parsed = [json.loads(a.stdout) for a in answers]
    assert parsed[0] == parsed[1] == parsed[2]
    _check_shape(parsed[0], ZH)
    empty = _cli(stdin=b"")
    assert empty.returncode == 2 and b"empty" in empty.stderr
