"""Entry point for ``python -m evals.bench``."""

from evals.bench.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
