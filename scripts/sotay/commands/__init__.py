"""One module per `sotay` subcommand; each has `main(argv: list[str]) -> int`."""
