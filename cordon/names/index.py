"""The candidate index over every listed name and alias: phonetic-key postings with IDF weights.

Built once per set of list versions and persisted under ``index_dir`` (see :mod:`cordon.names.
index_file`: JSON and numpy arrays, checksummed, never pickle), it proposes for a
query the listed names sharing its distinctive words — exactly, within one edit (a deletion
neighbourhood over the vocabulary), glued or split (``ALMAZ-ANTEY``/``ALMAZANTEY``), or by
consonant skeleton for Arabic-script queries — ranked by an upper bound of query coverage.
"""

from __future__ import annotations

import gc
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from rapidfuzz.distance import OSA

from cordon.names.identifiers import entity_identifiers
from cordon.names.index_file import read_container, write_container
from cordon.names.normalize import NormalizedName, kind_of_schema, normalize_name
from cordon.names.phonetic import abjad_key, consonant_key, same_start, skeleton
from cordon.names.score import token_weights
from cordon.names.symbols import NO_SYMBOLS, cross_script_only, person_symbols, symbol_allowed
from cordon.settings import SYMBOL_SIMILARITY

INDEX_FORMAT = 20  # bump when the persisted layout or normalization changes
MATCHABLE_SCHEMATA = frozenset(
    {"Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane"}
)
NAME_PROPERTIES: dict[str, bool] = {  # property -> is it a weak alias
    "name": False,
    "alias": False,
    "previousName": False,
    "weakAlias": True,
}
COUNTRY_PROPERTIES = ("country", "nationality", "citizenship", "jurisdiction", "flag")
COMMON_DF_SHARE = 0.004  # a key in more names than this share is not used to block
COMMON_WORD_SHARE = 0.002  # a key in more names than this share is a common word
MIN_COMMON_DF = 20  # in tiny lists no word counts as common
MIN_FUZZY_LENGTH = 4
MAX_FUZZY_LENGTH = (
    64  # longer keys and words match exactly only (edit neighbourhoods are quadratic)
)
LOOKUP_CACHE_SIZE = 200_000  # query keys whose vocabulary matches are remembered


@dataclass(frozen=True)
class ListedEntity:
    """The facts of one listed entity that matching needs."""

    entity_id: str
    dataset: str
    source_id: str
    schema: str
    caption: str
    countries: frozenset[str] = frozenset()
    birth_dates: tuple[str, ...] = ()
    identifiers: Mapping[str, str] = field(default_factory=dict)  # normalized value -> kind


@dataclass(frozen=True)
class ListedName:
    """One name or alias of a listed entity, normalized, with the weight of each of its keys."""

    entity: int  # position in NameIndex.entities
    name: NormalizedName
    weights: tuple[float, ...]  # IDF, lighter for a person's patronymics and particles
    weak: bool


_T = TypeVar("_T")
_KeyLookup = tuple[list[tuple[str, float]], int, float]  # matches, document frequency, IDF


@dataclass
class QueryKeys:
    """What the index knows about a query's keys: their weights and the names they reach."""

    weights: list[float]  # per query key: IDF, lighter for a person's patronymics and particles
    total: float
    # posting lists the query reaches, in order: (span in the flat postings, query weight,
    # similarity); a listed name scores the query weight, and its own weight times similarity
    reached: list[tuple[tuple[int, int], float, float]]
    common_mass: float  # weight of common query keys, not used to block (assumed present)


@dataclass(frozen=True)
class CandidateRequest:
    """One query name's candidate search: its keys, how many candidates, and the cut-offs.

    Kept are listed names of ``schemata`` (all when None) whose query bound reaches ``gate``
    and for which ``floor`` = (query weight, listed weight, minimum) gives query weight *
    query bound + listed weight * listed bound >= minimum."""

    keys: QueryKeys
    limit: int
    gate: float
    schemata: frozenset[str] | None = None
    floor: tuple[float, float, float] = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class DerivedTables:
    """The lookup tables derived from an index's names and postings, persisted with it (they
    cost about a second to derive for the full lists, a fraction of that to read back)."""

    deletes: dict[str, list[str]]  # one-deletion neighbourhood of the listed keys
    word_deletes: dict[str, list[str]]  # ... and of the listed words
    consonants: dict[str, list[str]]  # consonant key -> listed keys
    abjad: dict[str, list[str]]  # abjad_key of a listed word -> its keys
    # symbol -> listed keys carrying it, and whether that word is written in a non-Latin
    # script (person-name symbols align only across scripts)
    symbol_keys: dict[str, dict[str, bool]]
    posting_weights: np.ndarray  # per posting (postings laid end to end), its key's weight
    listed_totals: np.ndarray  # per listed name, its total weight
    common_weights: np.ndarray  # per listed name, the weight of its common keys

    @classmethod
    def derive(
        cls, names: Sequence[ListedName], postings: Mapping[str, list[int]], common_df: int
    ) -> DerivedTables:
        """The tables of ``names`` and their ``postings`` (``common_df``: a key in more names
        is common, reached without a posting scan)."""
        word_keys = {k for n in names for k in n.name.keys}  # not the glued pairs
        consonants: dict[str, list[str]] = defaultdict(list)
        for key in word_keys:
            consonants[consonant_key(key)].append(key)
        abjad: dict[str, set[str]] = defaultdict(set)
        for listed in names:
            for word, key in zip(listed.name.words, listed.name.keys, strict=True):
                abjad[abjad_key(word)].add(key)
        by_symbol: dict[str, dict[str, bool]] = defaultdict(dict)
        for listed in names:
            name = listed.name
            for key, symbols, native in zip(name.keys, name.symbols, name.native, strict=True):
                for symbol in symbols:
                    by_symbol[symbol][key] = by_symbol[symbol].get(key, False) or native
        posting_weights, totals, common = _listed_weights(names, postings, common_df)
        return cls(
            deletes=_deletion_neighbourhood(word_keys),
            word_deletes=_deletion_neighbourhood({w for n in names for w in n.name.words}),
            consonants=dict(consonants),
            abjad={found: sorted(keys) for found, keys in abjad.items()},
            symbol_keys=dict(by_symbol),
            posting_weights=np.array(
                [w for key in postings for w in posting_weights[key]], dtype=np.float64
            ),
            listed_totals=np.array(totals, dtype=np.float64),
            common_weights=np.array(common, dtype=np.float64),
        )

    def meta(self) -> dict[str, Any]:
        """The JSON part of the tables, for the index file."""
        return {name: getattr(self, name) for name in _TABLE_DICTS}

    def arrays(self) -> dict[str, np.ndarray]:
        """The array part of the tables, for the index file."""
        return {name: getattr(self, name) for name in _TABLE_ARRAYS}

    @classmethod
    def from_parts(cls, meta: Mapping[str, Any], arrays: Mapping[str, np.ndarray]) -> DerivedTables:
        """The tables read back from :meth:`meta` and :meth:`arrays` (KeyError when missing)."""
        parts: dict[str, Any] = {name: meta[name] for name in _TABLE_DICTS}
        parts.update({name: arrays[name] for name in _TABLE_ARRAYS})
        return cls(**parts)


_TABLE_DICTS = ("deletes", "word_deletes", "consonants", "abjad", "symbol_keys")
_TABLE_ARRAYS = ("posting_weights", "listed_totals", "common_weights")


def _listed_weights(
    names: Sequence[ListedName], postings: Mapping[str, list[int]], common_df: int
) -> tuple[dict[str, list[float]], list[float], list[float]]:
    """Per posting, the weight its key has in that listed name; per listed name, its total
    weight and the weight of its common keys (which queries reach without a posting scan)."""
    own: list[dict[str, float]] = []
    totals: list[float] = []
    common: list[float] = []
    common_keys = {k for k, ids in postings.items() if len(ids) > common_df}
    for listed in names:
        weights: dict[str, float] = defaultdict(float)
        for key, weight in zip(listed.name.keys, listed.weights, strict=True):
            weights[key] += weight
        ws = listed.weights
        for i, glued in enumerate(listed.name.glued):
            weights[glued] = max(weights[glued], ws[i] + ws[i + 1])
        own.append(weights)
        totals.append(sum(ws) or 1.0)
        common.append(sum(w for k, w in zip(listed.name.keys, ws, strict=True) if k in common_keys))
    posting_weights = {key: [own[p][key] for p in positions] for key, positions in postings.items()}
    return posting_weights, totals, common


class NameIndex:
    """Inverted index from phonetic keys to listed names, with IDF and typo neighbourhoods."""

    def __init__(
        self,
        entities: list[ListedEntity],
        names: list[ListedName],
        postings: dict[str, list[int]],
        versions: Mapping[str, str],
        tables: DerivedTables | None = None,
    ) -> None:
        """The index over ``names`` and their ``postings``; ``tables`` are the lookup tables
        derived from them, as persisted with the index (derived here when not given)."""
        self.entities = entities
        self.names = names
        self.postings = postings
        self.versions = dict(versions)
        count = max(len(names), 1)
        self.max_idf = math.log((count + 1) / 0.5)
        self.common_df = max(30, int(count * COMMON_DF_SHARE))
        self.common_idf = math.log(
            (count + 1) / (max(MIN_COMMON_DF, count * COMMON_WORD_SHARE) + 0.5)
        )
        self.idf = {key: math.log((count + 1) / (len(ids) + 0.5)) for key, ids in postings.items()}
        self.tables = tables or DerivedTables.derive(names, postings, self.common_df)
        self.deletes = self.tables.deletes
        self.word_deletes = self.tables.word_deletes
        self.consonants = self.tables.consonants
        self.abjad = self.tables.abjad
        self.symbol_keys = self.tables.symbol_keys
        self._person_symbol_keys: dict[str, dict[str, bool]] | None = None
        # every posting list laid end to end, so a query's postings are gathered as slices
        self.spans: dict[str, tuple[int, int]] = {}
        flat_positions: list[int] = []
        for key, positions in postings.items():
            self.spans[key] = (len(flat_positions), len(flat_positions) + len(positions))
            flat_positions.extend(positions)
        self.posting_positions = np.array(flat_positions, dtype=np.int32)
        self.posting_weights = self.tables.posting_weights
        self.listed_totals = self.tables.listed_totals
        self.common_weights = self.tables.common_weights
        self.name_schemata = [entities[listed.entity].schema for listed in names]
        self.schema_list = sorted(set(self.name_schemata))
        self.schema_codes = np.array(
            [self.schema_list.index(schema) for schema in self.name_schemata], dtype=np.int16
        )
        by_identifier: dict[str, list[int]] = defaultdict(list)
        for position, entity in enumerate(entities):
            for value in entity.identifiers:
                by_identifier[value].append(position)
        self.by_identifier = dict(by_identifier)
        self._lookups: dict[tuple[str, bool, str, frozenset[str], bool], _KeyLookup] = {}
        self._schema_filters: dict[frozenset[str] | None, tuple[bool, ...]] = {}

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        entities: Iterable[tuple[ListedEntity, Mapping[str, Sequence[str]]]],
        versions: Mapping[str, str],
    ) -> NameIndex:
        """Index (entity, FtM properties) pairs; only matchable schemata are kept."""
        kept: list[ListedEntity] = []
        normalized: list[tuple[int, NormalizedName, bool]] = []
        for entity, properties in entities:
            if entity.schema not in MATCHABLE_SCHEMATA:
                continue
            position = len(kept)
            kept.append(entity)
            kind = kind_of_schema(entity.schema)
            seen: set[tuple[str, ...]] = set()
            for prop, weak in NAME_PROPERTIES.items():
                for raw in properties.get(prop, ()):
                    name = normalize_name(raw, kind)
                    if not name.keys or name.keys in seen:
                        continue
                    seen.add(name.keys)
                    normalized.append((position, name, weak))
        postings: dict[str, list[int]] = defaultdict(list)
        for position, (_, name, _) in enumerate(normalized):
            for key in set(name.keys) | set(name.glued):
                postings[key].append(position)
        count = max(len(normalized), 1)
        names = [
            ListedName(
                entity=entity,
                name=name,
                weights=tuple(
                    token_weights(
                        name,
                        [math.log((count + 1) / (len(postings[k]) + 0.5)) for k in name.keys],
                        kept[entity].schema == "Person",
                    )
                ),
                weak=weak,
            )
            for entity, name, weak in normalized
        ]
        return cls(kept, names, dict(postings), versions)

    def save(self, path: Path) -> None:
        """Persist the index (entities, names, postings, versions and the lookup tables derived
        from them, so a load only reads them back) as JSON and numpy arrays, atomically and
        checksummed (:mod:`cordon.names.index_file`)."""
        keys = list(self.postings)
        offsets = np.cumsum([0, *(len(self.postings[k]) for k in keys)], dtype=np.int64)
        flat = [p for k in keys for p in self.postings[k]]
        meta = {
            "versions": self.versions,
            "entities": [_encode_fields(entity) for entity in self.entities],
            "names": [
                [listed.entity, _encode_fields(listed.name), list(listed.weights), listed.weak]
                for listed in self.names
            ],
            "keys": keys,
            "tables": self.tables.meta(),
        }
        arrays: dict[str, np.ndarray] = {
            "offsets": offsets,
            "positions": np.array(flat, dtype=np.int32),
            **self.tables.arrays(),
        }
        write_container(path, INDEX_FORMAT, meta, arrays)

    @classmethod
    def load(cls, path: Path) -> NameIndex | None:
        """Read a persisted index; None when missing, of another index format, or damaged
        (a damaged file is removed; the caller rebuilds it)."""
        with _collector_paused():
            return cls._load(path)

    @classmethod
    def _load(cls, path: Path) -> NameIndex | None:
        found = read_container(path, INDEX_FORMAT)
        if found is None:
            return None
        meta, arrays = found
        try:
            entities = [_decode_fields(ListedEntity, row) for row in meta["entities"]]
            names = [
                ListedName(entity, _decode_fields(NormalizedName, name), tuple(weights), weak)
                for entity, name, weights, weak in meta["names"]
            ]
            offsets = arrays["offsets"].tolist()
            positions = arrays["positions"].tolist()
            postings = {
                key: positions[offsets[i] : offsets[i + 1]] for i, key in enumerate(meta["keys"])
            }
            tables = DerivedTables.from_parts(meta["tables"], arrays)
            return cls(entities, names, postings, meta["versions"], tables)
        except (KeyError, TypeError, ValueError, IndexError):
            path.unlink(missing_ok=True)
            return None

    # -- lookups ----------------------------------------------------------------------------

    def key_matches(
        self,
        key: str,
        abjad: bool = False,
        word: str = "",
        symbols: frozenset[str] = frozenset(),
        native: bool = False,
    ) -> list[tuple[str, float]]:
        """Vocabulary keys standing for a query key (and its romanized ``word``), with a
        similarity in (0, 1]: equal, one edit away as a key or as a word, same consonants,
        or carrying one of the word's ``symbols`` (person-name symbols only across scripts:
        one of the two words ``native``, written in a non-Latin script)."""
        found: dict[str, float] = {}
        if key in self.postings:
            found[key] = 1.0
        else:
            self._fuzzy_matches(key, abjad, word, found)
        for symbol in symbols:
            crossing_only = cross_script_only(symbol)
            table = self.person_symbol_keys() if crossing_only else self.symbol_keys
            for other, other_native in table.get(symbol, {}).items():
                if not symbol_allowed(symbol, native or other_native, same_start(key, other)):
                    continue
                if found.get(other, 0.0) < SYMBOL_SIMILARITY:
                    found[other] = SYMBOL_SIMILARITY
        return list(found.items())

    def person_symbol_keys(self) -> dict[str, dict[str, bool]]:
        """Person-name symbol -> listed person keys carrying it (and whether written in a
        non-Latin script); built on the first query that needs it, since person-name symbols
        come from rigour's costly person tagger and only cross-script queries use them."""
        if self._person_symbol_keys is None:
            table: dict[str, dict[str, bool]] = defaultdict(dict)
            for listed in self.names:
                if self.entities[listed.entity].schema != "Person":
                    continue
                name = listed.name
                for key, source, native in zip(name.keys, name.sources, name.native, strict=True):
                    for symbol in person_symbols(source):
                        table[symbol][key] = table[symbol].get(key, False) or native
            self._person_symbol_keys = dict(table)
        return self._person_symbol_keys

    def _fuzzy_matches(self, key: str, abjad: bool, word: str, found: dict[str, float]) -> None:
        """Vocabulary keys one edit away (as keys or as words) or with the same consonants."""
        for neighbourhood, text, to_key in (
            (self.deletes, key, None),
            (self.word_deletes, word, skeleton),
        ):
            if not MIN_FUZZY_LENGTH <= len(text) <= MAX_FUZZY_LENGTH:
                continue
            for variant in (text, *_deletions(text)):
                for other in neighbourhood.get(variant, ()):
                    if OSA.distance(text, other, score_cutoff=1) <= 1:
                        other_key = to_key(other) if to_key else other
                        if other_key in self.postings and other_key not in found:
                            found[other_key] = 1.0 - 1.0 / max(len(text), len(other))
        if abjad:  # romanized Arabic, Persian: the same written consonants (مروان, MARWAN),
            # else the same consonants with و / ي read as long vowels (محمود, MAHMUD)
            same = self.consonants.get(consonant_key(key)) or self.abjad.get(abjad_key(word))
            for other in same or ():
                found.setdefault(other, 0.9)
        elif not found and len(key) >= MIN_FUZZY_LENGTH:
            for other in self.consonants.get(consonant_key(key), ()):
                found.setdefault(other, 0.8)

    def _lookup(
        self, key: str, abjad: bool, word: str, symbols: frozenset[str], native: bool
    ) -> _KeyLookup:
        """:meth:`key_matches` with the document frequency and IDF of what it found, cached:
        query words repeat far more than query names."""
        cache_key = (key, abjad, word, symbols, native)
        found = self._lookups.get(cache_key)
        if found is None:
            if len(self._lookups) >= LOOKUP_CACHE_SIZE:
                self._lookups.clear()
            matches = self.key_matches(key, abjad, word, symbols, native)
            idf = self.idf.get(key) or max((self.idf[k] for k, _ in matches), default=self.max_idf)
            found = self._lookups[cache_key] = (matches, self._df(matches), idf)
        return found

    def query_keys(self, name: NormalizedName, person: bool = False) -> QueryKeys:
        """Weigh a query's keys by IDF and collect the posting lists they reach."""
        keys = name.keys
        symbols = name.symbols or (frozenset(),) * len(keys)
        native = name.native or (False,) * len(keys)
        if person and name.abjad:  # Arabic, Persian: Wikidata person-name symbols too
            symbols = tuple(
                found | person_symbols(source) if is_native else found
                for found, source, is_native in zip(symbols, name.sources, native, strict=True)
            )
        lookups = [
            self._lookup(k, name.abjad, w, s, n)
            for k, w, s, n in zip(keys, name.words, symbols, native, strict=True)
        ]
        matches = [found for found, _, _ in lookups]
        idfs = token_weights(name, [idf for _, _, idf in lookups], person)
        reached: list[tuple[tuple[int, int], float, float]] = []  # span, weight, similarity
        postings, spans = self.postings, self.spans
        common_mass = 0.0
        dfs = [df for _, df, _ in lookups]
        rarest = min(range(len(keys)), key=dfs.__getitem__, default=-1)
        for i, found in enumerate(matches):
            if not found:
                continue  # a word no listed name has: it counts in the total, never in a score
            if dfs[i] > self.common_df and i != rarest:
                common_mass += idfs[i]
                continue
            for other, similarity in found:
                reached.append((spans[other], idfs[i] * similarity, similarity))
        for i, glued in enumerate(name.glued):  # split here, glued there
            if glued in postings and len(postings[glued]) <= self.common_df:
                reached.append((spans[glued], idfs[i] + idfs[i + 1], 1.0))
        return QueryKeys(idfs, sum(idfs) or 1.0, reached, common_mass)

    def _df(self, found: list[tuple[str, float]]) -> int:
        if not found:
            return 1 << 30
        return sum(len(self.postings[k]) for k, _ in found)

    def candidates(
        self,
        name: NormalizedName,
        limit: int,
        gate: float,
        person: bool = False,
        schemata: frozenset[str] | None = None,
        floor: tuple[float, float, float] = (0.0, 0.0, 0.0),
    ) -> tuple[QueryKeys, list[tuple[float, float, int]]]:
        """Listed names most likely to match one query name, as (bound of the query coverage,
        bound of the listed name's coverage, position), best first (see :meth:`rank`)."""
        keys = self.query_keys(name, person)
        return keys, self.rank([CandidateRequest(keys, limit, gate, schemata, floor)])[0]

    def rank(
        self, requests: Sequence[CandidateRequest], within: np.ndarray | None = None
    ) -> list[list[tuple[float, float, int]]]:
        """For each request, the listed names most likely to match, as (bound of the query
        coverage, bound of the listed name's coverage, position), best first by the two bounds
        (ties go to more rare-word mass, then to the earlier name: a main name before its
        aliases). All requests are scored at once, over arrays: a batch costs little more
        Python than its posting-list slices. ``within`` (one flag per listed name) keeps only
        the flagged names, scored with the whole index's weights."""
        found: list[list[tuple[float, float, int]]] = [[] for _ in requests]
        owners: list[int] = []
        spans: list[tuple[int, int]] = []
        weights: list[float] = []
        similarities: list[float] = []
        for number, request in enumerate(requests):
            for span, weight, similarity in request.keys.reached:
                owners.append(number)
                spans.append(span)
                weights.append(weight)
                similarities.append(similarity)
        if not spans:
            return found
        lengths = [stop - start for start, stop in spans]
        flat_positions, flat_weights = self.posting_positions, self.posting_weights
        count = len(self.names)
        pairs = np.repeat(np.array(owners, dtype=np.int64), lengths) * count + np.concatenate(
            [flat_positions[start:stop] for start, stop in spans]
        )
        own = np.concatenate([flat_weights[start:stop] for start, stop in spans]) * np.repeat(
            np.array(similarities), lengths
        )
        # sums per (request, listed name), added in posting order as a loop would
        unique, inverse = _unique_runs(pairs)
        scores = np.bincount(inverse, weights=np.repeat(np.array(weights), lengths))
        listed = np.bincount(inverse, weights=own)
        query = unique // count
        position = unique - query * count
        common_mass = np.array([r.keys.common_mass for r in requests])
        least = np.array([r.gate * r.keys.total - r.keys.common_mass for r in requests])
        keep = scores >= least[query]
        allowed = np.array([self._schema_filter(r.schemata) for r in requests], dtype=np.bool_)
        keep &= allowed[query, self.schema_codes[position]]
        if within is not None:
            keep &= within[position]
        query, position, scores, listed = query[keep], position[keep], scores[keep], listed[keep]
        scale = np.array([1.0 / r.keys.total for r in requests])
        query_bound = np.minimum((scores + common_mass[query]) * scale[query], 1.0)
        listed_bound = np.minimum(
            (listed + self.common_weights[position]) / self.listed_totals[position], 1.0
        )
        floors = np.array([r.floor for r in requests])
        keep = floors[query, 0] * query_bound + floors[query, 1] * listed_bound >= floors[query, 2]
        query, position, scores = query[keep], position[keep], scores[keep]
        query_bound, listed_bound = query_bound[keep], listed_bound[keep]
        order = np.lexsort((position, -scores, -(2 * query_bound + listed_bound), query))
        query = query[order]
        rank_in_query = np.arange(len(query)) - np.searchsorted(query, query)
        limits = np.array([r.limit for r in requests])
        chosen = order[rank_in_query < limits[query]]
        for number, q_bound, l_bound, listed_position in zip(
            query[rank_in_query < limits[query]].tolist(),
            query_bound[chosen].tolist(),
            listed_bound[chosen].tolist(),
            position[chosen].tolist(),
            strict=True,
        ):
            found[number].append((q_bound, l_bound, listed_position))
        return found

    def _schema_filter(self, schemata: frozenset[str] | None) -> tuple[bool, ...]:
        """Per schema code, whether it is one of ``schemata`` (all when None)."""
        allowed = self._schema_filters.get(schemata)
        if allowed is None:
            allowed = tuple(schemata is None or s in schemata for s in self.schema_list)
            self._schema_filters[schemata] = allowed
        return allowed

    def entities_with_identifier(self, value: str) -> list[int]:
        """Entity positions listing a normalized identifier."""
        return self.by_identifier.get(value, [])


def listed_entity(
    dataset: str,
    entity_id: str,
    source_id: str,
    schema: str,
    caption: str,
    properties: Mapping[str, Sequence[str]],
) -> ListedEntity:
    """The matching facts of one FtM entity from its properties."""
    countries = frozenset(c.lower() for p in COUNTRY_PROPERTIES for c in properties.get(p, ()) if c)
    return ListedEntity(
        entity_id=entity_id,
        dataset=dataset,
        source_id=source_id,
        schema=schema,
        caption=caption,
        countries=countries,
        birth_dates=tuple(properties.get("birthDate", ())),
        identifiers=entity_identifiers(properties),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a load allocates about a million long-lived objects
    and nothing cyclic to free, and each allocation threshold crossed would otherwise walk them
    all again (it doubled the load's time); the caller settles them after (``settled``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _encode_fields(item: Any) -> list[Any]:
    """A frozen dataclass as the JSON list of its field values (sets sorted, mappings kept)."""
    values: list[Any] = []
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, frozenset):
            value = sorted(value)
        elif f.name == "symbols":  # per word, a set of symbols
            value = [sorted(symbols) for symbols in value]
        elif isinstance(value, Mapping):
            value = dict(value)
        values.append(value)
    return values


def _decode_fields(cls: type[_T], values: list[Any]) -> _T:
    """The inverse of :func:`_encode_fields`, from the fields' declared types."""
    converters = _field_converters(cls)  # type: ignore[arg-type]  # classes are hashable
    if len(values) != len(converters):
        raise ValueError(f"{cls.__name__}: {len(values)} values for {len(converters)} fields")
    return cls(*[convert(value) for convert, value in zip(converters, values, strict=True)])


def _symbol_sets(values: list[list[str]]) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(v) if v else NO_SYMBOLS for v in values)


@cache
def _field_converters(cls: type) -> tuple[Callable[[Any], Any], ...]:
    """Per field of a dataclass, the function turning its JSON value back into the declared
    type (worked out once per class: an index load decodes tens of thousands of rows)."""
    converters: list[Callable[[Any], Any]] = []
    for f in fields(cls):
        declared = str(f.type)
        if declared.startswith("frozenset"):
            converters.append(frozenset)
        elif declared.startswith("tuple[frozenset"):  # per-word symbol sets
            converters.append(_symbol_sets)
        elif declared.startswith("tuple"):
            converters.append(tuple)
        else:
            converters.append(_same)
    return tuple(converters)


def _same(value: Any) -> Any:
    return value


def _unique_runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_inverse=True)``, faster for arrays made of sorted runs (a
    stable sort merges the runs of posting lists instead of sorting from scratch)."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.empty(len(ordered), dtype=np.bool_)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(len(ordered), dtype=np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _deletion_neighbourhood(keys: Iterable[str]) -> dict[str, list[str]]:
    """Each vocabulary key under itself and each of its one-character deletions."""
    neighbourhood: dict[str, list[str]] = {}
    for key in keys:
        if not MIN_FUZZY_LENGTH <= len(key) <= MAX_FUZZY_LENGTH:
            continue
        for i in range(len(key) + 1):  # i == len(key) files the key under itself
            variant = key[:i] + key[i + 1 :]
            bucket = neighbourhood.get(variant)
            if bucket is None:
                neighbourhood[variant] = [key]
            elif bucket[-1] != key:
                bucket.append(key)
    return neighbourhood
