"""The words the suggestion method reads: features of a text, each with where it is printed.

Chinese is read as character n-grams (2 to 4 characters inside a run of Chinese characters, never
across punctuation); Latin script as lower-cased words with a light plural stemming, and pairs of
neighbouring words. Every feature keeps its character offsets, so a suggestion can quote the words
behind it. One pass over the text, no regular expression: linear in the length of the text, which
the caller caps (`MAX_CHARS`).
"""

from __future__ import annotations

from typing import Final, NamedTuple

#: The method reads at most this many characters of a text (the rest is ignored, and said so).
MAX_CHARS: Final = 4000
NGRAMS: Final = (2, 3, 4)
#: Words too common to say anything about a link.
STOPWORDS: Final = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "for",
        "to",
        "with",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "its",
        "it",
        "their",
        "they",
        "which",
        "who",
        "into",
        "over",
        "under",
        "through",
        "within",
        "between",
        "also",
        "such",
        "has",
        "have",
        "had",
        "not",
        "but",
        "all",
        "any",
        "each",
        "per",
        "via",
        "than",
        "more",
        "most",
        "other",
        "itu",
    ]
)


class Feature(NamedTuple):
    """A feature name (`c` + Chinese n-gram, `w` + word, `b` + word pair) and its span."""

    name: str
    start: int
    end: int


def is_cjk(char: str) -> bool:
    """A CJK unified ideograph (the report's Chinese)."""
    return "\u4e00" <= char <= "\u9fff"


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def stem(word: str) -> str:
    """A light English stemming: plurals only ("countries" -> "country", "CIRTs" -> "cirt")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _runs(text: str) -> tuple[list[tuple[int, int]], list[tuple[str | None, int, int]]]:
    """Chinese runs (start, end) and Latin words (word, start, end); a None word is a break."""
    runs: list[tuple[int, int]] = []
    words: list[tuple[str | None, int, int]] = []
    index, size = 0, len(text)
    while index < size:
        char = text[index]
        if is_cjk(char):
            end = index
            while end < size and is_cjk(text[end]):
                end += 1
            runs.append((index, end))
            if words and words[-1][0] is not None:
                words.append((None, index, index))
            index = end
        elif _is_word_char(char):
            end = index
            while end < size and _is_word_char(text[end]):
                end += 1
            words.append((text[index:end].lower(), index, end))
            index = end
        else:
            if char not in " -'’" and words and words[-1][0] is not None:
                words.append((None, index, index + 1))
            index += 1
    return runs, words


def features(text: str) -> list[Feature]:
    """Every feature of `text` (at most MAX_CHARS characters are read), in text order per kind."""
    text = text[:MAX_CHARS]
    runs, words = _runs(text)
    found: list[Feature] = []
    for start, end in runs:
        for size in NGRAMS:
            for at in range(start, end - size + 1):
                found.append(Feature("c" + text[at : at + size], at, at + size))
    previous: Feature | None = None
    for word, start, end in words:
        if word is None or word in STOPWORDS:
            previous = None
            continue
        stemmed = stem(word)
        found.append(Feature("w" + stemmed, start, end))
        if previous is not None:
            found.append(Feature(f"b{previous.name[1:]} {stemmed}", previous.start, end))
        previous = Feature("w" + stemmed, start, end)
    return found


def detect_language(text: str) -> str:
    """`zh` when at least a fifth of the letters are Chinese characters, else `en`."""
    chinese = latin = 0
    for char in text[:MAX_CHARS]:
        if is_cjk(char):
            chinese += 1
        elif char.isalpha():
            latin += 1
    return "zh" if chinese and chinese * 5 >= chinese + latin else "en"
