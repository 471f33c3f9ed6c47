"""The words the suggestion method reads: features of a text, each with where it is printed.

Chinese is read as character n-grams (2 to 4 characters inside a run of Chinese characters, never
across punctuation); Latin script as lower-cased words with a light plural stemming, and pairs of
neighbouring words. Every feature keeps its character offsets, so a suggestion can quote the words
behind it. One pass over the text with a tokenizer made of single character classes (no nesting,
nothing to backtrack into): linear in the length of the text, which the caller caps (`MAX_CHARS`).
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

#: The method reads at most this many characters of a text (the rest is ignored, and said so).
MAX_CHARS: Final = 4000
NGRAMS: Final = (2, 3, 4)
#: Words too common to say anything about a link: articles, prepositions, conjunctions, and
#: "ITU" (in every text).
STOPWORDS: Final = frozenset(
    [
        "a", "an", "the", "of", "and", "or", "in", "on", "for", "to", "with", "by", "from",
        "at", "as", "is", "are", "was", "were", "be", "been", "being", "this", "that", "these",
        "those", "its", "it", "their", "they", "which", "who", "into", "over", "under",
        "through", "within", "between", "also", "such", "has", "have", "had", "not", "but",
        "all", "any", "each", "per", "via", "than", "more", "most", "other", "itu"
    ]
)  # fmt: skip
#: English function words (pronouns, auxiliaries, adverbs of time and place, subordinating
#: conjunctions): in the dataset's short English titles a rare one such as "where" or "after"
#: would otherwise weigh for whatever line its two or three titles carry.
FUNCTION_WORDS: Final = frozenset(
    [
        "about", "above", "after", "again", "against", "ago", "along", "already", "although",
        "always", "am", "among", "another", "around", "because", "before", "behind", "below",
        "beside", "besides", "beyond", "both", "can", "cannot", "could", "did", "do", "does",
        "doing", "done", "down", "during", "either", "else", "even", "ever", "every", "few",
        "further", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how",
        "however", "i", "if", "just", "least", "less", "may", "me", "might", "much", "must",
        "my", "myself", "near", "neither", "never", "no", "nor", "now", "off", "often", "once",
        "only", "onto", "our", "ours", "ourselves", "out", "own", "perhaps", "quite", "rather",
        "same", "shall", "she", "should", "since", "so", "some", "still", "then", "there",
        "thereby", "therefore", "thus", "till", "too", "toward", "towards", "until", "up",
        "upon", "us", "very", "we", "what", "whatever", "when", "whenever", "where", "whereas",
        "wherever", "whether", "while", "whom", "whose", "why", "will", "would", "yet", "you",
        "your", "yours", "them", "themselves"
    ]
)  # fmt: skip
#: Words that are never features, and part a word pair like punctuation.
SKIPPED: Final = STOPWORDS | FUNCTION_WORDS
#: Character spans of a text left out of its features (the countries it names).
Spans = tuple[tuple[int, int], ...]


class Feature(NamedTuple):
    """A feature name (`c` + Chinese n-gram, `w` + word, `b` + word pair) and its span."""

    name: str
    start: int
    end: int


def is_cjk(char: str) -> bool:
    """A CJK unified ideograph (the report's Chinese)."""
    return "\u4e00" <= char <= "\u9fff"


def stem(word: str) -> str:
    """A light English stemming: plurals only ("countries" -> "country", "CIRTs" -> "cirt")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


#: A run of Chinese characters | a Latin word (ASCII letters and digits) | one character that
#: parts two words (anything else but a space, a hyphen or an apostrophe).
_TOKENS: Final = re.compile(
    "([\u4e00-\u9fff]+)|([A-Za-z0-9]+)|[^ \\-'\u2019\u4e00-\u9fffA-Za-z0-9]"
)
_feature = tuple.__new__  # Feature(...) without the NamedTuple's Python-level constructor


def features(text: str, hidden: Spans = ()) -> list[Feature]:
    """Every feature of `text` (at most MAX_CHARS characters are read): the Chinese n-grams
    (run by run, by size, by position), then the words and word pairs in text order. Numbers
    (a word of digits only: years, counts) and SKIPPED words are not features; a feature that
    overlaps a span of `hidden` is left out."""
    text = text[:MAX_CHARS]
    found: list[Feature] = []
    words: list[tuple[str, int, int] | None] = []  # None: a break between words
    for match in _TOKENS.finditer(text):
        start, end = match.span()
        if match.group(1) is not None:
            for size in NGRAMS:
                found += [_feature(Feature, ("c" + text[at : at + size], at, at + size))
                          for at in range(start, end - size + 1)]  # fmt: skip
            words.append(None)
        elif match.group(2) is not None:
            words.append((match.group(2).lower(), start, end))
        else:
            words.append(None)
    previous: tuple[str, int] | None = None  # the previous word (stemmed) and its start
    for entry in words:
        if entry is None or entry[0] in SKIPPED or entry[0].isdigit():
            previous = None
            continue
        word, start, end = entry
        stemmed = stem(word)
        found.append(_feature(Feature, ("w" + stemmed, start, end)))
        if previous is not None:
            found.append(_feature(Feature, (f"b{previous[0]} {stemmed}", previous[1], end)))
        previous = (stemmed, start)
    if hidden:
        return [f for f in found
                if not any(f.start < end and start < f.end for start, end in hidden)]  # fmt: skip
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
