"""Admin for matching mentors and planning rotations."""
