"""Shipment screening: the batch pipeline, red-flag rules, risk scoring and the alerts contract."""
