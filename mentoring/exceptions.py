"""Refusals the mentoring app raises; views show ``messages`` in the user's language."""

from dataclasses import dataclass

from courses.exceptions import EngineRefusal, NotAllowed

__all__ = ["EngineRefusal", "MentoringRefusal", "NoMatchingFits", "NoPlanFits", "NotAllowed"]


class MentoringRefusal(EngineRefusal):
    """A request that is understood but breaks a mentoring rule (not a bug)."""


@dataclass(frozen=True)
class Problem:
    """Why a proposal cannot be made: ``code`` names the constraint, ``message`` says it plainly."""

    code: str
    message: str
    trainee_id: int | None = None
    other_id: int | None = None  # the mentor or host concerned, if one is


class _Infeasible(MentoringRefusal):
    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__([problem.message for problem in self.problems])

    @property
    def binding(self) -> set[str]:
        """The codes of the constraints that bind (``capacity``, ``cross_rule``, …)."""
        return {problem.code for problem in self.problems}


class NoMatchingFits(_Infeasible):
    """No assignment of mentors respects every capacity and the cross-mentoring rule."""


class NoPlanFits(_Infeasible):
    """No rotation plan respects the period, the communities and the hosts' capacities."""
