"""Re-screening on list change: which stored shipments hit the designations a list update added.

When a list update adds or changes designations, the analyst's question is "what changed this
week": which shipments already screened now match. ``cordon rescreen`` answers it without
re-reading any file: the distinct parties of the stored runs are matched against only the
designations added or changed since the list versions each run used, and the records with a
new party match become a new run (alerts.jsonl in the ``cordon screen`` contract, the store,
the web app).
"""
