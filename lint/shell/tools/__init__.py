"""One module per program family: what its options mean and what a command running it does."""
