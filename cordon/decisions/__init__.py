"""Standing triage decisions: one decision on (party as written, listed entity) for every alert.

An analyst who dismisses "ООО Альфа-Трейд" as a false match for a listed entity should not have
to dismiss it again on the next file, nor on the 30 other alerts of this file with the same pair.
A decision is stored once (``decisions`` table, append-only, newest row of a pair in force),
applied to every current alert with the pair and to every future run at alert time, and lapses
when the listed entity changes in the list version a run used (its fingerprint differs).
"""
