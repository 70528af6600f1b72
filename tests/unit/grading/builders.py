"""Questions built in memory, their options in the prefetch cache, so grading needs no database."""

from courses.models import QuestionOption, RubricCriterion


def build(model, options=(), criteria=(), **fields):
    question = model(pk=1, name="q", text="<p>q</p>", **fields)
    question._prefetched_objects_cache = {
        "options": [
            QuestionOption(pk=index + 10, question_id=1, position=index, **option)
            for index, option in enumerate(options)
        ],
        "criteria": [
            RubricCriterion(
                pk=index + 100, question_id=1, position=index, title=f"c{index}", max_points=points
            )
            for index, points in enumerate(criteria)
        ],
    }
    return question
