"""Pure planning code: no database, so it is tested in tests/unit/mentoring."""
