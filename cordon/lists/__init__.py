"""Sanctions and export-control lists: parsers per publisher format, versioned loading, updates, diffs."""
