"""`cordon demo`: synthetic multilingual customs data with planted evasion cases, screened."""

from __future__ import annotations

from cordon.demo.evaluate import DemoScore, evaluate
from cordon.demo.generate import DemoTruth, generate_demo_dataset
from cordon.demo.job import DemoResult, run_demo

__all__ = ["DemoResult", "DemoScore", "DemoTruth", "evaluate", "generate_demo_dataset", "run_demo"]
