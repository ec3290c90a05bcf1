"""Text handling for Vietnamese: folding for search, later normalisation and detection."""
