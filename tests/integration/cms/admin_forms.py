"""Wagtail admin POST data for a scenario exercise, as the page editor's JavaScript sends it.

StreamField and ListBlock data is flattened into hyphenated keys; building it by hand keeps the
tests honest about what an editor's browser posts.
"""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


def list_block(items):
    """ListBlock form data: like a stream, but its children carry no type."""
    data = {
        str(index): {"value": item, "deleted": "", "order": str(index), "id": ""}
        for index, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def step(key, *choices, title=None):
    return (
        "step",
        {
            "key": key,
            "title": title or f"步骤 {key}",
            "situation": "居民在党群服务站门口聚集。",
            "choices": list_block(list(choices)),
        },
    )


def choice(next_key, score=1, label=None):
    return {
        "label": label or f"前往 {next_key}",
        "consequence": "情况有了变化。",
        "score": str(score),
        "next_key": next_key,
    }


def ending(key):
    return ("ending", {"key": key, "title": f"结局 {key}", "outcome": "事情告一段落。"})


def scenario_form_data(title, script, **overrides):
    """Everything the scenario exercise edit form posts, with `script` as (type, value) pairs."""
    data = {
        "title": title,
        "slug": "scenario",
        "introduction": "",
        "body": streamfield([]),
        "background": rich_text("<p>施工开挖后路灯不亮。</p>"),
        "roles": streamfield([("role", {"name": "业委会主任", "brief": "要求公开账目。"})]),
        "script": streamfield(script),
        "debriefing_notes": rich_text("<p>讲评要点</p>"),
        "reflection_prompt": "你会怎样向居民解释?",
        "replay_allowed": "on",
        "counted_run": "best",
        "learning_hours": "1.5",
        "is_required": "on",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)
