"""Sample questions both formats' round-trip tests share.

One of each type, in Chinese with HTML, and with every character GIFT must escape
(``~ = # { } :`` and the backslash) in names, texts, options and feedback, so a writer that
forgets one is caught by the reader giving back something else.
"""

from dataclasses import replace
from decimal import Decimal

from courses.question_formats.base import (
    ESSAY,
    JUDGEMENT,
    MATCHING,
    MULTIPLE,
    NUMERICAL,
    ORDERING,
    SHORT_ANSWER,
    SINGLE,
    TRUE_FALSE,
    CriterionData,
    OptionData,
    QuestionData,
)

D = Decimal
TRICKY = "a~b=c#d{e}f:g\\h"

SAMPLES = [
    QuestionData(
        type=SINGLE,
        name="单选：网格员职责",
        text="<p>社区<b>网格员</b>的首要职责是什么？</p>",
        general_feedback="见《社区工作条例》第 3 条 {网格化}",
        category_path=("党建", "基层治理"),
        tags=["网格", "2024"],
        options=[
            OptionData("<b>走访</b>居民、收集诉求", D("1"), "正确：=走访是基础="),
            OptionData("收费 ~ 罚款", D("0"), "错误 #1"),
            OptionData(TRICKY, D("0.5"), "部分正确: 也算"),
        ],
        settings={"shuffle": True},
    ),
    QuestionData(
        type=MULTIPLE,
        name="多选 {周例会}",
        text="周例会应包括哪些内容？（多选）\n请全部选出。",
        general_feedback="",
        default_mark=D("2"),
        category_path=("党建", "基层治理"),
        options=[
            OptionData("传达上级精神", D("0.5")),
            OptionData("部署本周工作", D("0.5"), "对"),
            OptionData("聚餐", D("-1"), "不对"),
            OptionData("%50% 不是权重", D("0")),
            OptionData("[plain] 不是格式", D("0")),
        ],
        settings={"shuffle": False},
    ),
    QuestionData(
        type=TRUE_FALSE,
        name="判断 = 假",
        text="居委会可以<em>收取</em>物业费。",
        general_feedback="居委会不收费。",
        category_path=("法规",),
        settings={
            "correct": False,
            "feedback_true": "错了：居委会不是收费主体",
            "feedback_false": "对：# 居委会不收费",
        },
    ),
    QuestionData(
        type=TRUE_FALSE,
        name="判断 = 真",
        text="网格员应当每月走访辖区住户。",
        category_path=("法规",),
        tags=["走访"],
        settings={"correct": True, "feedback_true": "对", "feedback_false": ""},
    ),
    QuestionData(
        type=SHORT_ANSWER,
        name="填空：组织名称",
        text="社区居民自治的组织叫什么？",
        options=[
            OptionData("居民委员会", D("1"), "完全正确"),
            OptionData("居委会", D("0.8"), "简称也可以"),
            OptionData("%25%*委员会", D("0.25")),
        ],
        settings={"case_sensitive": True},
    ),
    QuestionData(
        type=NUMERICAL,
        name="数值：户数",
        text="本网格共有 1,250 户，平均每栋 25 户，共几栋？",
        general_feedback="1250 ÷ 25 = 50",
        default_mark=D("1.5"),
        options=[
            OptionData("50", D("1"), "对", tolerance=D("0")),
            OptionData("50", D("0.5"), "差不多", tolerance=D("2")),
            OptionData("3.14", D("0.1"), tolerance=D("0.01")),
            OptionData("*", D("0"), "再算一遍"),
        ],
    ),
    QuestionData(
        type=MATCHING,
        name="匹配：职责",
        text="把岗位与职责连起来。",
        options=[
            OptionData("<b>书记</b>", match_text="全面负责"),
            OptionData("网格员", match_text="走访 = 摸排"),
            OptionData("楼长 {x}", match_text="通知#传达"),
            OptionData("", match_text="干扰项：收费"),
        ],
        settings={"shuffle": True},
    ),
    QuestionData(
        type=ORDERING,
        name="排序：议事流程",
        text="按顺序排列“四议两公开”的前四步。",
        options=[
            OptionData("党组织提议"),
            OptionData("两委会商议"),
            OptionData("党员大会审议"),
            OptionData("<i>村民代表会议</i>决议"),
        ],
        settings={"grading": "all_or_nothing"},
    ),
    QuestionData(
        type=ESSAY,
        name="论述：矛盾调解",
        text="<p>结合实例谈谈如何调解邻里纠纷。</p>",
        general_feedback="参考：先听后说。",
        default_mark=D("10"),
        category_path=("实务", "调解"),
        criteria=[
            CriterionData("事实清楚", 3, "<p>交代时间、地点、人物</p>"),
            CriterionData("方法得当", 5, "依法 & 依情"),
            CriterionData("表达", 2, ""),
        ],
        settings={
            "min_words": 200,
            "max_words": 800,
            "grader_info": "<p>重点看方法。</p>",
            "response_template": "<p>一、事件经过：</p>",
        },
    ),
    QuestionData(
        type=JUDGEMENT,
        name="情境判断：楼道堆物",
        text="居民在楼道堆放杂物，多次劝说无效。你会怎么做？",
        category_path=("实务", "调解"),
        tags=["情境"],
        options=[
            OptionData("联合物业、消防上门，讲清隐患后限期清理", D("1"), "最有效"),
            OptionData("再次上门劝说", D("0.6"), "可以，但效果有限"),
            OptionData("拍照发到业主群", D("0.2"), "可能激化矛盾"),
            OptionData("直接清走杂物", D("0"), "不合法"),
        ],
        settings={"shuffle": True},
    ),
]


def sample_id(question: QuestionData) -> str:
    return question.type + ":" + question.name


def without_location(questions: list[QuestionData]) -> list[QuestionData]:
    return [replace(question, location="") for question in questions]
