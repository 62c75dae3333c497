"""`rapport export`: what recommendation jobs read, as files (CSV, JSON Lines, Parquet)."""
