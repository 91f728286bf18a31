"""Goods: HS code normalization, the HS 2022 nomenclature, CHPL tiers and description checks."""
