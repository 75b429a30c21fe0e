"""One module per house rule; each returns a RuleScore for a comment."""
