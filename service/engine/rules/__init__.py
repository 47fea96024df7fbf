"""One module per matching rule (R1..R10 of the matching rules)."""
