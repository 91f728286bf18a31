"""Explainable scoring of a query name against a listed name: named features, one score in [0, 1].

The name part weighs which words matched by their IDF (so TECHNOLOGIES, TRADING or РАДИО carry
little), on both sides, plus character similarity of the sorted phonetic keys. Legal form,
country and birth date move the score a little; an equal identifier decides (1.0), a conflicting
identifier of the same kind vetoes. Weights are set by hand and the default threshold was chosen
on the matching benchmark (docs/matching.md), where it separates variants of listed names from
unlisted look-alikes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import mul
from types import MappingProxyType
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from cordon.i18n import N_, Message
from cordon.names.legal_forms import compare_legal_forms
from cordon.names.model import Feature
from cordon.names.normalize import NormalizedName
from cordon.names.persons import initial_matches, is_initial, is_particle, is_patronymic
from cordon.names.phonetic import (
    abjad_key,
    consonant_key,
    long_vowels_agree,
    same_start,
    skeleton,
)
from cordon.names.symbols import (
    NO_SYMBOLS,
    cross_script_only,
    person_symbols,
    shared_symbol,
    symbol_label,
)
from cordon.settings import (
    ABJAD_SIMILARITY,
    ABJAD_SIMILARITY_LONG,
    BIRTH_DATE_MATCH,
    BIRTH_DATE_MISMATCH,
    COMMON_WORDS_ONLY,
    COUNTRY_MATCH,
    COUNTRY_MISMATCH,
    DEFAULT_THRESHOLD,
    IDENTIFIER_VETO_CAP,
    INITIAL_SIMILARITY,
    LEGAL_FORM_MATCH,
    LEGAL_FORM_MISMATCH,
    LIGHT_TOKEN,
    MIN_TOKEN_SIMILARITY,
    SYMBOL_SIMILARITY,
    W_CHARACTERS,
    W_LISTED_COVERAGE,
    W_PERSON_LISTED_COVERAGE,
    W_PERSON_QUERY_COVERAGE,
    W_QUERY_COVERAGE,
    WEAK_ALIAS,
)

# A match that rests on too little of a name (a one-word name, a weak alias, part of a person's
# name) stays below the alert threshold unless an identifier, country or birth date agrees.
SUPPORT_CAP = DEFAULT_THRESHOLD - 0.05
_GENERIC_SYMBOLS = ("SYMBOL:", "DOMAIN:")  # organisation words: a match on them alone is weak
SHORT_NAME = 9  # letters: a one-word listed name this short is an ordinary word (ZVEZDA, LUCH)

# Why a name match alone is not enough (the ``needs_support`` feature's detail, in English in
# alerts.jsonl; read back for people by cordon.names.reading).
UNSUPPORTED_WEAK_ALIAS = N_("only a weak alias matched ('%(name)s')")
UNSUPPORTED_SHORT_ALIAS = N_("only a one-word alias matched ('%(name)s')")
UNSUPPORTED_ONE_WORD = N_(
    "the query is one word and the listed name has more (unmatched: %(words)s)"
)
UNSUPPORTED_PART_OF_PERSON = N_(
    "only part of the listed person's name matched (missing: %(words)s)"
)
UNSUPPORTED: tuple[str, ...] = (
    UNSUPPORTED_WEAK_ALIAS, UNSUPPORTED_SHORT_ALIAS, UNSUPPORTED_ONE_WORD,
    UNSUPPORTED_PART_OF_PERSON,
)  # fmt: skip
SUPPORTED = N_("%(why)s; supported by a matching identifier, country or date")
HELD_BELOW = N_(
    "%(why)s; no identifier, country or birth date agrees, so the score is held below the alert "
    "threshold (at most %(cap)s)"
)


class WordPair(NamedTuple):
    """Two aligned words, how alike they are, and the symbol they share (if that aligned them)."""

    query: str
    listed: str
    similarity: float
    symbol: str = ""
    query_source: str = ""  # the written form, when the word is a romanization (завод)
    listed_source: str = ""
    query_index: int = -1  # positions in the aligned words
    listed_index: int = -1


@dataclass
class NameComparison:
    """How two normalized names align, word by word."""

    query_coverage: float
    listed_coverage: float
    characters: float
    pairs: list[WordPair]
    unmatched_query: list[str]
    unmatched_listed: list[str]
    common_only: bool
    person: bool = False

    @property
    def score(self) -> float:
        """The name-only score, before supporting evidence."""
        w_query, w_listed, w_chars = coverage_weights(self.person)
        base = (
            w_query * self.query_coverage
            + w_listed * self.listed_coverage
            + w_chars * self.characters
        )
        return base * (1 + COMMON_WORDS_ONLY) if self.common_only else base


def coverage_weights(person: bool) -> tuple[float, float, float]:
    """Weights of query coverage, listed coverage and character similarity."""
    if person:
        return W_PERSON_QUERY_COVERAGE, W_PERSON_LISTED_COVERAGE, W_CHARACTERS
    return W_QUERY_COVERAGE, W_LISTED_COVERAGE, W_CHARACTERS


def _token_similarity(
    query_key: str, listed_key: str, person: bool, abjad: bool, query_word: str, listed_word: str
) -> float:
    """Similarity of two words: equal keys, an initial, equal consonants, or few edits
    (counted on the phonetic keys and on the romanized words, whichever is closer); symbols
    are compared by the caller."""
    if query_key == listed_key:
        return 1.0
    if person and (
        initial_matches(query_key, listed_key) or initial_matches(listed_key, query_key)
    ):
        return INITIAL_SIMILARITY
    if abjad and len(query_key) > 1:
        # the written consonants (سليوة ≈ SALIWA: slv), else و / ي read as long vowels where
        # the other word has such a vowel (محمود ≈ MAHMUD: mhmd, but not MUHAMMAD)
        consonants = consonant_key(query_key)
        if consonants != consonant_key(listed_key):
            consonants = abjad_key(query_word)
            if consonants != abjad_key(listed_word) or not long_vowels_agree(
                query_word, listed_word
            ):
                consonants = ""
        if consonants:  # one or two consonants (L: Ali; SD: Said, Saud) say less than three
            return ABJAD_SIMILARITY.get(len(consonants), ABJAD_SIMILARITY_LONG)
    shortest = min(len(query_word), len(listed_word))
    if shortest < 4 or (shortest == 4 and query_word[0] != listed_word[0]):
        return 0.0  # WANG/FANG, JING/YING: one letter is a different short name
    similarity = max(
        OSA.normalized_similarity(query_key, listed_key, score_cutoff=MIN_TOKEN_SIMILARITY),
        OSA.normalized_similarity(query_word, listed_word, score_cutoff=MIN_TOKEN_SIMILARITY),
    )
    return float(similarity)


@dataclass
class _Side:
    """One name's words as aligned: keys, words, weights and what each word means."""

    keys: Sequence[str]
    words: Sequence[str]
    weights: Sequence[float]
    symbols: Sequence[frozenset[str]]
    sources: Sequence[str]
    native: Sequence[bool]


def _abjad_glue(words: Sequence[str], i: int, other: set[str]) -> int:
    """How many words from ``i`` on (three or two, one of them a particle: ``ABD AL RAHMAN``,
    ``ABD AL``), written as one word, have the consonant skeleton of a word of the other name
    (``other``: their :func:`abjad_key`), as ABDULRAHMAN or the ABDUL of ABDUL RAHMAN do; 1
    when none do, or when word ``i`` alone has one."""
    if abjad_key(words[i]) in other:
        return 1
    for size in (3, 2):
        run = words[i : i + size]
        if len(run) == size and any(map(is_particle, run)) and abjad_key("".join(run)) in other:
            return size
    return 1


def _glue(
    name: NormalizedName, weights: Sequence[float], other: set[str], abjad: set[str]
) -> _Side:
    """Keys, words and weights with adjacent words merged where, written as one word, they
    are a key of the other name (``other``: ``AGHA JANI`` vs ``AGHAJANI``) or, in an abjad
    comparison, have the consonant skeleton of one of its words (``abjad``: the other name's
    :func:`abjad_key` set, empty otherwise; ``ABD AL RAHMAN`` vs ``ABDULRAHMAN`` or ``ABDUL
    RAHMAN``); the name's own when none is."""
    symbols = name.symbols or (NO_SYMBOLS,) * len(name.keys)
    sources = name.sources or name.words
    native = name.native or (False,) * len(name.keys)
    keys, words = name.keys, name.words
    if not abjad and other.isdisjoint(name.glued):
        return _Side(keys, words, weights, symbols, sources, native)
    sizes = [2 if glued in other else 1 for glued in name.glued] + [1]
    if abjad and len(keys) > 1:
        sizes = [
            size if size > 1 or keys[i] in other else _abjad_glue(words, i, abjad)
            for i, size in enumerate(sizes)
        ]
    if max(sizes) == 1:
        return _Side(keys, words, weights, symbols, sources, native)
    out: tuple[list[str], list[str], list[float], list[frozenset[str]], list[str], list[bool]]
    out = ([], [], [], [], [], [])
    i = 0
    while i < len(keys):
        parts: tuple[int, ...] = tuple(range(i, i + sizes[i]))
        if len(parts) == 1:
            key, word = keys[i], words[i]
        else:
            word = "".join(words[p] for p in parts)
            key = name.glued[i] if len(parts) == 2 else skeleton(word)
        out[0].append(key)
        out[1].append(word)
        out[2].append(sum(weights[p] for p in parts))
        out[3].append(frozenset().union(*(symbols[p] for p in parts)))
        out[4].append(" ".join(sources[p] for p in parts))
        out[5].append(any(native[p] for p in parts))
        i += len(parts)
    return _Side(*out)


def _abjad_keys(words: Sequence[str], abjad: bool) -> set[str]:
    """The words' consonant skeletons in an abjad comparison; none otherwise."""
    return {abjad_key(word) for word in words} if abjad else set()


def token_weights(
    name: NormalizedName, idfs: tuple[float, ...] | list[float], person: bool
) -> list[float]:
    """Each word's weight: its IDF, lighter for a person's initials, patronymics and particles."""
    if not person:
        return list(idfs)
    out = []
    for word, idf in zip(name.words, idfs, strict=True):
        if is_initial(word):
            out.append(min(idf, 2.0))
        elif is_patronymic(word) or is_particle(word):
            out.append(idf * LIGHT_TOKEN)
        else:
            out.append(idf)
    return out


def _with_person_symbols(side: _Side) -> _Side:
    """The side with rigour's person-name symbols added to each word (:func:`person_symbols`)."""
    symbols = [
        found | person_symbols(source) if " " not in source else found
        for found, source in zip(side.symbols, side.sources, strict=True)
    ]
    return _Side(side.keys, side.words, side.weights, symbols, side.sources, side.native)


def _pair(q: _Side, i: int, l_side: _Side, j: int, similarity: float, symbol: str) -> WordPair:
    return WordPair(
        q.words[i],
        l_side.words[j],
        similarity,
        symbol,
        q.sources[i] if q.native[i] else "",
        l_side.sources[j] if l_side.native[j] else "",
        i,
        j,
    )


def _align(
    q: _Side, l_side: _Side, person: bool, abjad: bool
) -> tuple[list[float], list[float], list[WordPair]]:
    """Pair words one to one: equal keys first, then the most similar remaining word (by
    spelling, or a shared symbol); then a word standing for several (进出口 = import export,
    TRADE) also covers the other words of its symbol."""
    q_keys, l_keys = q.keys, l_side.keys
    q_found = [0.0] * len(q_keys)
    l_found = [0.0] * len(l_keys)
    pairs: list[WordPair] = []
    for i, key in enumerate(q_keys):
        if key not in l_keys:
            continue
        for j, other in enumerate(l_keys):
            if other == key and l_found[j] == 0.0:
                q_found[i] = l_found[j] = 1.0
                pairs.append(_pair(q, i, l_side, j, 1.0, ""))
                break
    symbolic = any(q.symbols) and any(l_side.symbols)
    if len(pairs) < len(q_keys) and len(pairs) < len(l_keys):
        order = sorted(  # heaviest first; reverse=True keeps equal weights in written order
            (i for i in range(len(q_keys)) if q_found[i] == 0.0),
            key=q.weights.__getitem__,
            reverse=True,
        )
        for i in order:
            best, best_j, best_symbol = 0.0, -1, ""
            for j, other in enumerate(l_keys):
                if l_found[j] == 0.0:
                    similarity = _token_similarity(
                        q_keys[i], other, person, abjad, q.words[i], l_side.words[j]
                    )
                    symbol = ""
                    if symbolic and similarity < SYMBOL_SIMILARITY:
                        shared = shared_symbol(
                            q.symbols[i],
                            l_side.symbols[j],
                            q.native[i] or l_side.native[j],
                            same_start(q.keys[i], l_side.keys[j]),
                        )
                        if shared:
                            similarity, symbol = SYMBOL_SIMILARITY, shared
                    if similarity > best:
                        best, best_j, best_symbol = similarity, j, symbol
            if best_j >= 0:
                q_found[i] = l_found[best_j] = best
                pairs.append(_pair(q, i, l_side, best_j, best, best_symbol))
    if symbolic and pairs:
        _absorb(q, l_side, q_found, l_found, pairs)
    return q_found, l_found, pairs


def _absorb(
    q: _Side, l_side: _Side, q_found: list[float], l_found: list[float], pairs: list[WordPair]
) -> None:
    """Unmatched words that share an organisation symbol with a word aligned by symbol to the
    other name count as covered by it: 进出口 (TRADE) covers IMPORT and EXPORT, 总公司 covers
    NATIONAL and CORPORATION."""
    for pair in [p for p in pairs if p.symbol and not cross_script_only(p.symbol)]:
        _absorb_side(q, l_side, pairs, l_found, pair.query_index, query_fixed=True)
        _absorb_side(q, l_side, pairs, q_found, pair.listed_index, query_fixed=False)


def _absorb_side(
    q: _Side,
    l_side: _Side,
    pairs: list[WordPair],
    found: list[float],
    fixed: int,
    query_fixed: bool,
) -> None:
    """One side of :func:`_absorb`: each still-uncovered word of that side (``found`` == 0)
    that shares a symbol with the aligned word ``fixed`` of the other side (the query's word
    when ``query_fixed``, else the listed name's)."""
    for other, value in enumerate(found):
        if value == 0.0:
            i, j = (fixed, other) if query_fixed else (other, fixed)
            shared = shared_symbol(
                q.symbols[i], l_side.symbols[j], q.native[i] or l_side.native[j],
                same_start(q.keys[i], l_side.keys[j]),
            )  # fmt: skip
            if shared:
                found[other] = SYMBOL_SIMILARITY
                pairs.append(_pair(q, i, l_side, j, SYMBOL_SIMILARITY, shared))


def _symbolic_characters(
    q: _Side, l_side: _Side, listed: NormalizedName, pairs: list[WordPair]
) -> float:
    """Character similarity with each word aligned by symbol written as its listed partner
    (中国 as china): a translation shares meaning, not letters."""
    keys = list(q.keys)
    for pair in pairs:
        if pair.symbol and keys[pair.query_index] == q.keys[pair.query_index]:
            keys[pair.query_index] = l_side.keys[pair.listed_index]
    return (
        max(
            fuzz.ratio("".join(sorted(keys)), listed.compact),
            fuzz.ratio("".join(keys), listed.joined),
        )
        / 100.0
    )


def name_characters(query: NormalizedName, listed: NormalizedName) -> float:
    """Character similarity of the phonetic keys, in written or in sorted order."""
    return (
        max(fuzz.ratio(query.compact, listed.compact), fuzz.ratio(query.joined, listed.joined))
        / 100.0
    )


def compare_names(
    query: NormalizedName,
    query_weights: list[float],
    listed: NormalizedName,
    listed_weights: list[float] | tuple[float, ...],
    person: bool = False,
    common_idf: float = 0.0,
    characters: float | None = None,
) -> NameComparison:
    """Align the words of two names (any order, typos, glued words, initials) and measure them.

    Weights come from :func:`token_weights`; words weighing less than ``common_idf`` are
    common words (see ``NameIndex.common_idf``); ``characters`` is :func:`name_characters`
    when the caller has already computed it."""
    abjad = query.abjad or listed.abjad
    q = _glue(query, query_weights, set(listed.keys), _abjad_keys(listed.words, abjad))
    l_side = _glue(listed, listed_weights, set(q.keys), _abjad_keys(q.words, abjad))
    if person and abjad:  # Arabic, Persian: Wikidata name symbols
        q, l_side = _with_person_symbols(q), _with_person_symbols(l_side)
    q_found, l_found, pairs = _align(q, l_side, person, abjad)
    if characters is None:
        characters = name_characters(query, listed)
    if any(p.symbol for p in pairs):
        characters = max(characters, _symbolic_characters(q, l_side, listed, pairs))
    q_total = sum(q.weights) or 1.0
    l_total = sum(l_side.weights) or 1.0
    generic = {p.query_index for p in pairs if p.symbol.startswith(_GENERIC_SYMBOLS)}
    matched_weights = [
        0.0 if i in generic else w
        for i, (w, f) in enumerate(zip(q.weights, q_found))  # noqa: B905
        if f > 0
    ]
    return NameComparison(
        query_coverage=sum(map(mul, q.weights, q_found)) / q_total,
        listed_coverage=sum(map(mul, l_side.weights, l_found)) / l_total,
        characters=characters,
        pairs=pairs,
        unmatched_query=[w for w, f in zip(q.words, q_found) if f == 0],  # noqa: B905
        unmatched_listed=[w for w, f in zip(l_side.words, l_found) if f == 0],  # noqa: B905
        common_only=bool(matched_weights)
        and max(matched_weights) < common_idf
        and any(f == 0 for f in l_found),
        person=person,
    )


@dataclass
class Evidence:
    """Supporting and deciding facts beside the name."""

    legal_forms: str | None = None  # match, compatible, mismatch
    legal_detail: str = ""
    country: str | None = None  # match, mismatch
    country_detail: str = ""
    birth_date: str | None = None  # match, mismatch
    birth_detail: str = ""
    identifier: str | None = None  # match, veto
    identifier_detail: str = ""
    weak_alias: bool = False
    unsupported: str = ""  # why the name alone is not enough to alert (see needs_support)

    @property
    def supported(self) -> bool:
        """Whether a fact beside the name agrees: identifier, country or birth date."""
        return "match" in (self.identifier, self.country, self.birth_date)


def compare_countries(query: tuple[str, ...], listed: frozenset[str]) -> tuple[str | None, str]:
    """Whether the query's countries meet the listed entity's countries."""
    if not query or not listed:
        return None, ""
    wanted = {c.lower() for c in query}
    shared = wanted & listed
    if shared:
        return "match", ",".join(sorted(shared))
    return "mismatch", f"{','.join(sorted(wanted))} vs {','.join(sorted(listed))}"


def compare_birth_dates(query: tuple[str, ...], listed: tuple[str, ...]) -> tuple[str | None, str]:
    """Dates agree when one is a prefix of the other (1970 vs 1970-05-02)."""
    if not query or not listed:
        return None, ""
    for q in query:
        for value in listed:
            if q.startswith(value) or value.startswith(q):
                return "match", value
    return "mismatch", f"{'/'.join(query)} vs {'/'.join(listed)}"


# The evidence features' weights by feature name: what a request may override (the API's
# ``weights``, yente's per-request coefficients). The name features are not among them: the
# candidate search bounds its work by the name weights.
EVIDENCE_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "legal_form_match": LEGAL_FORM_MATCH, "legal_form_mismatch": LEGAL_FORM_MISMATCH,
    "country_match": COUNTRY_MATCH, "country_mismatch": COUNTRY_MISMATCH,
    "birth_date_match": BIRTH_DATE_MATCH, "birth_date_mismatch": BIRTH_DATE_MISMATCH,
    "weak_alias": WEAK_ALIAS,
})  # fmt: skip


def _evidence_weight(weights: Mapping[str, float], feature: str, verdict: str | None) -> float:
    """The weight of ``<feature>_<verdict>`` (0 when there is no verdict or no such feature)."""
    return weights.get(f"{feature}_{verdict}", 0.0) if verdict else 0.0


def final_score(
    name_score: float, evidence: Evidence, weights: Mapping[str, float] = EVIDENCE_WEIGHTS
) -> float:
    """Combine the name score and the evidence (weighed by ``weights``, default
    :data:`EVIDENCE_WEIGHTS`) into the calibrated score in [0, 1]."""
    if evidence.identifier == "match":
        return 1.0
    score = name_score
    score += _evidence_weight(weights, "legal_form", evidence.legal_forms)
    score += _evidence_weight(weights, "country", evidence.country)
    score += _evidence_weight(weights, "birth_date", evidence.birth_date)
    if evidence.weak_alias:
        score += weights["weak_alias"]
    if evidence.unsupported and not evidence.supported:
        score = min(score, SUPPORT_CAP)
    if evidence.identifier == "veto":
        score = min(score, IDENTIFIER_VETO_CAP)
    return max(0.0, min(1.0, score))


def needs_support(
    comparison: NameComparison,
    query: NormalizedName,
    listed: NormalizedName,
    weak: bool,
    listed_person: bool,
    primary: bool,
) -> str:
    """Why a name match alone should not alert ("" when it may): the listed name is a weak
    alias or a short one-word alias (a nickname, ZVEZDA: thousands bear it); the query is one
    word and the listed name has more; or the query matches only some of a listed person's
    names (a given name and one of two surnames, two of three Chinese syllables) — particles,
    initials and patronymics (which lists add and declarations omit) do not count as missing.
    ``primary``: the listed name is the entity's own name, not an alias."""
    if weak:
        return str(Message(UNSUPPORTED_WEAK_ALIAS, name=listed.original))
    if not primary and len(listed.words) == 1 and len(listed.words[0]) <= SHORT_NAME:
        return str(Message(UNSUPPORTED_SHORT_ALIAS, name=listed.original))
    if len(query.words) == 1 and comparison.unmatched_listed:
        return str(Message(UNSUPPORTED_ONE_WORD, words=" ".join(comparison.unmatched_listed)))
    if comparison.person or listed_person:
        missing = [
            word
            for word in comparison.unmatched_listed
            if not (is_initial(word) or is_particle(word) or is_patronymic(word))
        ]
        if missing:
            return str(Message(UNSUPPORTED_PART_OF_PERSON, words=" ".join(missing)))
    return ""


def legal_form_evidence(query: NormalizedName, listed: NormalizedName) -> tuple[str | None, str]:
    """Compare the legal forms cut out of both names."""
    verdict = compare_legal_forms(query.legal_forms, listed.legal_forms)
    if verdict is None:
        return None, ""
    return (
        verdict,
        f"{'/'.join(sorted(query.legal_forms))} vs {'/'.join(sorted(listed.legal_forms))}",
    )


def explain(
    comparison: NameComparison | None,
    evidence: Evidence,
    query: NormalizedName,
    weights: Mapping[str, float] = EVIDENCE_WEIGHTS,
) -> tuple[Feature, ...]:
    """The named features behind a score, in the order people read them (the evidence weighed
    by ``weights``); without a name comparison (a candidate found by identifier alone) only
    the evidence features."""
    if comparison is None:
        return _evidence_features(evidence, weights)
    w_query, w_listed, w_chars = coverage_weights(comparison.person)
    matched = (
        ", ".join(
            p.query if p.query == p.listed else f"{p.query}~{p.listed}" for p in comparison.pairs
        )
        or "-"
    )
    features = [
        Feature(
            "name_token_overlap",
            comparison.query_coverage,
            w_query,
            f"matched: {matched}; "
            f"unmatched query words: {' '.join(comparison.unmatched_query) or '-'}",
        ),
        Feature(
            "listed_token_overlap",
            comparison.listed_coverage,
            w_listed,
            f"unmatched listed words: {' '.join(comparison.unmatched_listed) or '-'}",
        ),
        Feature(
            "name_char_similarity",
            comparison.characters,
            w_chars,
            "phonetic keys, in order or sorted",
        ),
    ]
    if query.transliteration != "none":
        features.append(
            Feature(
                "transliteration",
                1.0,
                0.0,
                f"{'/'.join(query.scripts)} via {query.transliteration}: {' '.join(query.words)}",
            )
        )
    symbolic = [p for p in comparison.pairs if p.symbol]
    if symbolic:
        features.append(
            Feature(
                "symbol_match",
                len(symbolic) / max(len(comparison.pairs), 1),
                0.0,
                "; ".join(
                    f"{p.query_source or p.query} ≈ {p.listed_source or p.listed} "
                    f"({symbol_label(p.symbol)})"
                    for p in symbolic
                ),
            )
        )
    if query.invisible:
        features.append(
            Feature(
                "invisible_characters_removed",
                1.0,
                0.0,
                f"{query.invisible} invisible format character(s) (Unicode Cf or "
                "default-ignorable, e.g. soft hyphen, zero-width space) dropped before splitting "
                "words",
            )
        )
    if comparison.common_only:
        features.append(
            Feature(
                "common_words_only", 1.0, COMMON_WORDS_ONLY, "only frequent words (low IDF) matched"
            )
        )
    return (*features, *_evidence_features(evidence, weights))


def _evidence_features(evidence: Evidence, weights: Mapping[str, float]) -> tuple[Feature, ...]:
    features: list[Feature] = []
    for feature, verdict, detail in (
        ("legal_form", evidence.legal_forms, evidence.legal_detail),
        ("country", evidence.country, evidence.country_detail),
        ("birth_date", evidence.birth_date, evidence.birth_detail),
    ):
        if verdict:
            weight = _evidence_weight(weights, feature, verdict)
            features.append(Feature(f"{feature}_{verdict}", 1.0, weight, detail))
    if evidence.weak_alias:
        features.append(Feature("weak_alias", 1.0, weights["weak_alias"], "matched a weak alias"))
    if evidence.unsupported:
        if evidence.supported:
            detail = str(Message(SUPPORTED, why=evidence.unsupported))
        else:
            detail = str(Message(HELD_BELOW, why=evidence.unsupported, cap=f"{SUPPORT_CAP:.2f}"))
        features.append(Feature("needs_support", 1.0, 0.0, detail))
    if evidence.identifier == "match":
        features.append(Feature("identifier_match", 1.0, 1.0, evidence.identifier_detail))
    elif evidence.identifier == "veto":
        features.append(Feature("identifier_veto", 1.0, -1.0, evidence.identifier_detail))
    return tuple(features)
