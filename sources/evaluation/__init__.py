"""Scoring the statement extractor on the labelled development set (`make eval-extract`)."""
