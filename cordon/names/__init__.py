"""Party names: normalization, transliteration, legal forms, candidate index, explainable scores."""
