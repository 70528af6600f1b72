from .activity import CompletionRule, LearningActivity

__all__ = ["CompletionRule", "LearningActivity"]
