"""Top-level sub-commands that span capabilities (serve, check, demo)."""
