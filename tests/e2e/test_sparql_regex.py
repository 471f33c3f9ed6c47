"""Regular expressions cannot backtrack catastrophically: the engine matches in linear time."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import LiveServer


@pytest.mark.e2e
@pytest.mark.parametrize("pattern", ["^(a+)+$", "^(a|aa)+$", "^(a|a?)+$", "(.*a){20}"])
def test_evil_regex_on_a_long_string_answers_at_once(live_server: LiveServer, pattern: str) -> None:
    subject = "a" * 30_000 + "b"
    query = f'ASK {{ FILTER(REGEX("{subject}", "{pattern}")) }}'
    # backtracking on 30,001 characters would run past the server's limit (10 s) and get a 503;
    # the time it takes is printed by `make bench`
    response = httpx.post(
        f"{live_server.url}/sparql",
        params={"timeout": "10"},
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"head": {}, "boolean": pattern == "(.*a){20}"}
