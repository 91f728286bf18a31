"""Flow analytics over screening runs and the self-contained HTML report."""
