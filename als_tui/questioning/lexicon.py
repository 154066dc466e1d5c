"""The coach's word lists (lexicon.txt beside this file) and a small base-form finder.

The lists are content: what counts as a loaded word, a named step, a fact, a feeling. They are read
once, when the coach is first used. Standard library only.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["Lexicon", "lexicon", "base_forms"]

PATH = Path(__file__).with_name("lexicon.txt")


class Lexicon:
    """Word sets by section; multi-word entries as phrases (tuples of words), by section."""

    def __init__(self, words: dict[str, frozenset[str]], phrases: dict[str, tuple[tuple[str, ...], ...]],
                 irregular: dict[str, str], frames: dict[str, tuple[str, ...]] | None = None) -> None:
        self.words = words
        self.phrases = phrases
        self.irregular = irregular
        self.frames = frames or {}  # entries with "..." (any words): kept as written
        self._by_first: dict[str, dict[str, list[tuple[str, ...]]]] = {}

    def has(self, section: str, word: str) -> bool:
        """Is *word* (any form of it) in *section*?"""
        entries = self.words.get(section, frozenset())
        return any(form in entries for form in base_forms(word))

    def phrase_hits(self, section: str, toks: tuple[str, ...] | list[str]) -> list[tuple[int, int]]:
        """(start, end) token spans of the section's multi-word phrases found in *toks*."""
        index = self._by_first.get(section)
        if index is None:
            index = {}
            for phrase in self.phrases.get(section, ()):
                index.setdefault(phrase[0], []).append(phrase)
            self._by_first[section] = index
        hits = []
        for i, tok in enumerate(toks):
            for phrase in index.get(tok, ()):
                if tuple(toks[i:i + len(phrase)]) == phrase:
                    hits.append((i, i + len(phrase)))
        return hits


def _parse(text: str) -> Lexicon:
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    irregular: dict[str, str] = {}
    frames: dict[str, list[str]] = {}
    section = ""
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        for entry in (e.strip() for e in line.split("|")):
            if not entry:
                continue
            if "..." in entry:
                frames.setdefault(section, []).append(entry)
                continue
            if section == "irregular":
                past, _, base = entry.partition("=")
                irregular[past.strip()] = base.strip()
                continue
            parts = tuple(entry.replace("'", "'").split())
            if len(parts) == 1:
                words.setdefault(section, set()).add(parts[0])
            else:
                phrases.setdefault(section, []).append(parts)
    return Lexicon(
        {k: frozenset(v) for k, v in words.items()},
        {k: tuple(v) for k, v in phrases.items()},
        irregular,
        {k: tuple(v) for k, v in frames.items()},
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return _parse(PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=16384)
def base_forms(word: str) -> tuple[str, ...]:
    """The word and the base forms it may come from: "tried" -> ("tried", "try"), "booking" -> ("booking", "book")."""
    out = [word]
    irregular = lexicon().irregular
    if word in irregular:
        out.append(irregular[word])
    w = word
    if len(w) > 4 and w.endswith("ing"):
        stem = w[:-3]
        out += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
        if stem.endswith("y"):
            out.append(stem[:-1] + "ie")
    elif len(w) > 3 and w.endswith("ied"):
        out.append(w[:-3] + "y")
    elif len(w) > 3 and w.endswith("ed"):
        stem = w[:-2]
        out += [stem, stem + "e", w[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    elif len(w) > 3 and w.endswith("ies"):
        out.append(w[:-3] + "y")
    elif len(w) > 3 and w.endswith("es"):
        out += [w[:-2], w[:-1]]
    elif len(w) > 2 and w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
    return tuple(out)
