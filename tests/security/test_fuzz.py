"""Fuzzing in seconds (the minutes-long run is ``benchmarks/bench_fuzz.py``): the CSV, XLSX and
JSON Lines readers, the list parsers and the matcher meet mutated real inputs and must answer
with a result or one clear ``CordonError``, within 5 s per input (see tests/security/fuzzing.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from tests.security import fuzzing

QUICK = settings(
    max_examples=25,
    deadline=None,  # fuzzing.deadline() bounds each input instead
    derandomize=True,  # the same inputs on every run: a failure here is reproducible
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_record_readers(suffix: str) -> None:
    seed = fuzzing.record_seeds()[suffix]
    fuzzing.warm_up(suffix, seed, fuzzing.read_all)

    @QUICK
    @given(fuzzing.mutated(seed))
    def run(data: bytes) -> None:
        fuzzing.check_file(suffix, data, fuzzing.read_all)

    run()


@pytest.mark.parametrize("fmt", ["un", "ofac", "ftm"])
def test_list_parsers(fmt: str) -> None:
    dataset, name, seed = fuzzing.list_seeds()[fmt]
    fuzzing.warm_up(".in", seed, fuzzing.load_list(dataset, name))

    @QUICK
    @given(fuzzing.mutated(seed))
    def run(data: bytes) -> None:
        fuzzing.check_file(".in", data, fuzzing.load_list(dataset, name))

    run()


@QUICK
@given(fuzzing.names)
def test_matcher(name: str) -> None:
    fuzzing.match_name(name)
