"""Process entrypoints: one module per `syncmatch` subcommand."""
