"""Customs records: reading any format and encoding, header aliases, validation and rejects."""
