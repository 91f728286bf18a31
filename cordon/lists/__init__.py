"""Sanctions and export-control lists: parsers per publisher format, versioned loads, updates."""
