"""Study tours (参观学习): Hangzhou and Longgang District, with placeholder photos.

``photos`` name images by their title (the stable key, and usable as alt text); the loader
draws each one with Pillow the first time. ``scene`` picks the drawing, ``label`` is the short
Latin caption painted on it (the container has no CJK font).
"""

from decimal import Decimal

from .blocks import bullets, callout, key_points, paragraphs


def day(date: str, title: str, *items: tuple[str, str, str]) -> dict:
    """An itinerary day; each item is ``(time, activity, place)``."""
    return {
        "type": "day",
        "value": {
            "day": date,
            "title": title,
            "items": [{"time": t, "activity": a, "place": p} for t, a, p in items],
        },
    }


HANGZHOU = {
    "kind": "tour",
    "slug": "hangzhou-study-tour",
    "title": "参观学习:赴杭州学习基层治理经验",
    "introduction": "杭州市民社会成熟、自治资源丰厚。四天时间,看街道、社区和小区怎样让居民自己"
    "“唱戏”,对照粤海找差距。",
    "destination": "浙江省杭州市",
    "start_date": "2027-04-13",
    "end_date": "2027-04-16",
    "learning_hours": Decimal("24.0"),
    "host_organisations": "杭州市上城区小营街道党工委\n"
    "杭州市西湖区社区治理服务中心\n"
    "杭州市“红色物业”示范小区党支部",
    "itinerary": [
        day(
            "2027-04-13",
            "杭州 · 第一天:出发与开班",
            ("08:30", "深圳北站集合出发", "深圳北站"),
            ("15:30", "抵达杭州,入住", "上城区"),
            ("19:30", "行前小组会:明确每组的观察任务", "酒店会议室"),
        ),
        day(
            "2027-04-14",
            "杭州 · 第二天:街道与社区",
            ("09:00", "参观街道党群服务中心,听取基层治理情况介绍", "上城区小营街道"),
            ("14:00", "走访老旧小区,看居民议事会怎样运作", "上城区"),
            ("16:30", "与社区书记座谈:居民自治与党建引领", "社区党群服务站"),
        ),
        day(
            "2027-04-15",
            "杭州 · 第三天:小区与物业",
            ("09:00", "参观“红色物业”示范小区,了解物业企业党建", "西湖区"),
            ("14:00", "社区治理服务中心:社会组织孵化与志愿服务", "西湖区"),
            ("19:30", "分组讨论:哪些做法可以带回粤海", "酒店会议室"),
        ),
        day(
            "2027-04-16",
            "杭州 · 第四天:总结与返程",
            ("09:00", "学习总结会,各组汇报", "酒店会议室"),
            ("13:00", "返程", "杭州东站"),
        ),
    ],
    "lessons_learned": "<h3>三点体会</h3>"
    + bullets(
        "居民议事有固定时间、固定场地、固定规则,议题从居民中来,结果向居民公开。",
        "物业企业党建与小区党支部结对,物业服务纳入支部评议。",
        "社会组织孵化有“陪伴期”,不急于求成。",
        ordered=True,
    )
    + "<h3>对粤海的启示</h3>"
    + paragraphs(
        "深圳自治资源相对不足,更要发挥小区党支部发现和培养“居民领袖”的作用,避免“搭好台、无人唱戏”。"
    ),
    "body": [
        callout(
            "返程后两周内提交参观学习报告:一项可借鉴的做法,以及在本社区落地的初步方案。",
            heading="学习报告",
            tone="tip",
        ),
        key_points(["带着问题去", "每天小组复盘", "回来写一项落地方案"], heading="学习方法"),
    ],
    "photos": [
        {
            "title": "杭州参观学习:小区党群服务站外景(示意图)",
            "caption": "小区党群服务站外景",
            "scene": "building",
            "label": "Hangzhou - community service station",
        },
        {
            "title": "杭州参观学习:居民议事会现场(示意图)",
            "caption": "旁听居民议事会",
            "scene": "meeting",
            "label": "Hangzhou - residents' council",
        },
        {
            "title": "杭州参观学习:西湖区小区环境(示意图)",
            "caption": "西湖区小区环境",
            "scene": "landscape",
            "label": "Hangzhou - compound garden",
        },
    ],
}

LONGGANG = {
    "kind": "tour",
    "slug": "longgang-study-tour",
    "title": "参观学习:深圳龙岗区交流学习",
    "introduction": "同在深圳,龙岗区怎样在大型住宅小区推进党建引领物业治理?两天走访,比较两区做法。",
    "destination": "深圳市龙岗区",
    "start_date": "2027-01-26",
    "end_date": "2027-01-27",
    "learning_hours": Decimal("8.0"),
    "host_organisations": "龙岗区坂田街道党工委\n龙岗区物业管理行业党委\n龙岗区小区党群服务站",
    "itinerary": [
        day(
            "2027-01-26",
            "龙岗 · 第一天:街道与行业党委",
            ("08:30", "粤海街道党群服务中心集合出发", "粤海街道"),
            ("10:00", "参观街道党群服务中心,听取小区党建工作介绍", "坂田街道"),
            ("14:30", "物业管理行业党委座谈:物业企业党组织建设", "龙岗区"),
        ),
        day(
            "2027-01-27",
            "龙岗 · 第二天:走进小区",
            ("09:30", "走访大型住宅小区党群服务站", "龙岗区"),
            ("14:00", "与小区党支部书记、业委会主任交流", "小区党群服务站"),
            ("16:30", "返程途中小组复盘", "大巴上"),
        ),
    ],
    "lessons_learned": "<h3>体会</h3>"
    + bullets(
        "行业党委把物业企业组织起来,与街道的物业共治联盟可以互相借鉴。",
        "大型小区按楼栋划分党小组,楼栋长与党小组长“一肩挑”。",
        "小区党群服务站与物业服务中心合署,居民办事少跑一趟。",
    ),
    "body": [
        callout("出发前请阅读本课程的讲座材料“物业共治联盟”。", heading="行前准备"),
    ],
    "photos": [
        {
            "title": "龙岗交流学习:街道党群服务中心(示意图)",
            "caption": "街道党群服务中心",
            "scene": "building",
            "label": "Longgang - service centre",
        },
        {
            "title": "龙岗交流学习:物业企业党建座谈(示意图)",
            "caption": "物业企业党建座谈",
            "scene": "meeting",
            "label": "Longgang - roundtable",
        },
        {
            "title": "龙岗交流学习:大型住宅小区(示意图)",
            "caption": "大型住宅小区",
            "scene": "landscape",
            "label": "Longgang - residential compound",
        },
    ],
}

TOURS = [LONGGANG, HANGZHOU]
