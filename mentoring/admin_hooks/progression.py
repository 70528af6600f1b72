"""Admin for readiness, promotion cases and their figures."""
