"""`Views`: each derived view computed once per loaded dataset, concurrent first callers wait for
the one computation, and two `Views` share nothing."""

from __future__ import annotations

import threading
import time

from service.config import Settings
from service.store import KnowledgeStore
from service.views import Views

AFR = "https://w3id.org/baap/id/region/AFR"


def test_a_view_is_computed_once_even_when_asked_for_at_once(
    store: KnowledgeStore, settings: Settings
) -> None:
    views = Views(store, settings)
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return len(calls)

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(views.memo("slow", slow)))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1] and results == [1, 1, 1, 1]


def test_two_views_share_nothing(store: KnowledgeStore, settings: Settings) -> None:
    first, second = Views(store, settings), Views(store, settings)
    assert first.vocabulary is first.vocabulary
    assert first.vocabulary is not second.vocabulary
    assert first.memo("k", lambda: 1) == 1 and second.memo("k", lambda: 2) == 2


def test_labels_and_notations_of_named_iris(store: KnowledgeStore, settings: Settings) -> None:
    views = Views(store, settings)
    found = views.labels_of([AFR, "https://example.org/nothing"])
    assert found == {AFR: {"en": "Africa", "zh": "非洲", "notation": "AFR"}}
    assert views.labels_of([AFR]) == {AFR: found[AFR]}  # the second time from memory
