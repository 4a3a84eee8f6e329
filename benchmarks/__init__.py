"""gapradar's performance harness: `python -m benchmarks [--quick] [--json OUT]`."""
