"""Party names: normalization, transliteration, legal forms, candidate index and explainable scoring."""
