"""Curriculum page types and the snippets they refer to."""

from .activities import ExchangeSessionPage, LecturePage
from .home import StudioHomePage
from .programme import CoursePage, ProgrammePage
from .scenario import ScenarioExercisePage
from .snippets import Speaker, Venue
from .study_tour import StudyTourPage, StudyTourPhoto

__all__ = [
    "CoursePage",
    "ExchangeSessionPage",
    "LecturePage",
    "ProgrammePage",
    "ScenarioExercisePage",
    "Speaker",
    "StudioHomePage",
    "StudyTourPage",
    "StudyTourPhoto",
    "Venue",
]
