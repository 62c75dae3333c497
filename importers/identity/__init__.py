"""Identity resolution: which customer or employee owns which social account."""
