"""The curriculum: speakers, venues, the home page, the training plan, courses and activities.

Pages are found by slug under their parent, snippets by name. Activities are dicts whose
``kind`` names the page type; model fields are given by name, and ``speaker`` / ``venue`` name
a snippet below. Scenario exercises and study tours live in their own modules.
"""

from datetime import date, timedelta
from decimal import Decimal

from . import scenarios, tours
from .blocks import at, bullets, callout, key_points, paragraphs, rich_text

SITE_NAME = "书记工作室"

SPEAKERS = [
    {
        "name": "许卫东",
        "title": "党建专家、研究员",
        "organisation": "南山区基层治理研究中心",
        "biography": "长期研究超大城市基层治理,参与起草多项小区党建工作指引,"
        "为粤海街道“1+1+N”小区治理体系提供智库支持。",
    },
    {
        "name": "唐振宇",
        "title": "党建指导员",
        "organisation": "粤海街道党建工作办",
        "biography": "负责小区党支部组建与评星定级工作,熟悉支部组建三法和六项权利的落地细节。",
    },
    {
        "name": "方静",
        "title": "律师",
        "organisation": "街道物业管理指导委员会派驻律师",
        "biography": "专注物业管理与业主自治纠纷,多次参与业委会筹备、换届和监督工作。",
    },
    {
        "name": "钱思远",
        "title": "秘书长",
        "organisation": "粤海街道物业共治联盟",
        "biography": "参与创建物业共治联盟,推动物业公司之间信息和资源共享,"
        "把隐患和劳资纠纷化解在楼宇内。",
    },
    {
        "name": "邓雅琴",
        "title": "社会组织发展顾问",
        "organisation": "社区社会组织孵化基地",
        "biography": "陪伴多个小区孵化义工队、兴趣小组和楼栋长队伍,擅长发现和培养“居民领袖”。",
    },
]

VENUES = [
    {
        "name": "粤海街道党群服务中心多功能厅",
        "address": "深圳市南山区粤海街道党群服务中心三楼",
        "capacity": 120,
        "directions": "地铁 1 号线科技园站下车,步行约 10 分钟。入口处扫码签到。",
    },
    {
        "name": "海珠社区党群服务中心会议室",
        "address": "深圳市南山区粤海街道海珠社区党群服务中心二楼",
        "capacity": 40,
        "directions": "社区党群服务中心二楼,电梯右转。",
    },
    {
        "name": "高新区社区楼栋长之家",
        "address": "深圳市南山区粤海街道高新区社区党群服务站",
        "capacity": 30,
        "directions": "党群服务站一楼,楼栋长之家活动室。",
    },
]

HOME = {
    "slug": "studio",
    "title": "优秀社区书记培养工作室",
    "tagline": "支部强不强,关键看头羊",
    "introduction": "粤海街道党工委为社区党委书记、小区党支部书记和社区后备干部开设的培训工作室:"
    "专家讲座、交流互动、情景体验、参观学习,配备带教导师,全过程带教、考察和管理。",
    "body": [
        rich_text(
            "<h2>为什么办工作室</h2>"
            + paragraphs(
                "粤海街道辖区 127 个住宅小区,居民权利意识强,物业纠纷触点多、燃点低。"
                "街道形成了小区党组织领导、业委会主导、物业企业和社区自组织多元参与的"
                "“1+1+N”治理体系,并在全区率先实现小区党支部全覆盖。",
                "治理架构搭好了,还要有人“唱戏”。工作室为优秀“领头羊”提供孵化园地,"
                "帮助书记们解锁小区党支部工作的“新技能”。",
            )
        ),
        key_points(
            [
                "小班化:每期学员人数有上限,导师带得过来",
                "交叉管:带教导师来自与学员不同的社区",
                "跟班锻炼:学员到其他社区,在在任书记身边工作一段时间",
                "全过程带教、考察和管理:每个阶段都留下记录",
            ],
            heading="培养方式",
        ),
        callout(
            "学员登录后可在“我的学习”中查看课程、学时和带教安排;导师在“导师工作台”批阅作业。",
            heading="从哪里开始",
            tone="tip",
        ),
    ],
}

PROGRAMME = {
    "slug": "training-plan-2026-2027",
    "title": "优秀社区书记培养工作室 2026—2027 年度培训方案",
    "introduction": "依据《粤海街道小区党支部培训方案》,以交流互动、专家讲座、参观学习和情景体验等"
    "方式,对社区党委书记、小区党支部书记开展系列化、长期性的培训教育。",
    "audience": "社区党委书记、小区党支部书记、社区后备干部",
    "start_date": "2026-12-01",
    "end_date": "2027-11-30",
    "body": [
        rich_text(
            "<h2>培训目标</h2>"
            + bullets(
                "吃透“1+1+N”治理体系和小区党支部的六项权利",
                "掌握支部组建三法、评星定级和分片包干的工作方法",
                "能够牵头化解物业、业委会与居民之间的矛盾",
                "能够以支部为主体策划和实施“民生微实事”项目",
            )
        ),
        key_points(
            [
                "年度学时目标由党建工作办按阶段设定,见本页“学时”一节",
                "必修活动全部完成方可结业",
                "结业评估结果作为后备干部选拔和提拔任用的参考",
            ],
            heading="学时与结业",
        ),
        callout(
            "线下活动请提前 10 分钟到场扫码签到;线上讲座观看完毕后点击“确认已学习”。",
            heading="签到提醒",
        ),
    ],
}


def lecture(slug, title, *, speaker, mode, starts, ends, hours, summary, body, venue=None, **extra):
    """A lecture's data; ``starts`` and ``ends`` are ``(day, time)`` in Shenzhen time."""
    return {
        "kind": "lecture",
        "slug": slug,
        "title": title,
        "speaker": speaker,
        "venue": venue,
        "mode": mode,
        "starts_at": at(*starts),
        "ends_at": at(*ends),
        "learning_hours": Decimal(hours),
        "summary": summary,
        "body": body,
        **extra,
    }


def exchange(slug, title, *, venue, starts, ends, hours, facilitator, questions, body, **extra):
    return {
        "kind": "exchange",
        "slug": slug,
        "title": title,
        "venue": venue,
        "starts_at": at(*starts),
        "ends_at": at(*ends),
        "learning_hours": Decimal(hours),
        "facilitator": facilitator,
        "discussion_questions": questions,
        "body": body,
        **extra,
    }


# The dated activities below are written for a studio that opens in the week of this day. The
# loader moves them by whole weeks (weekdays and times stay) so that the demo, loaded on any day,
# has sessions ahead and just behind; see ``cms.demo.loader.DemoClock``.
WRITTEN_FOR = date(2026, 12, 6)
WRITTEN_FOR_DAY = WRITTEN_FOR.isoformat()
# The orientation course is done on the day the demo is loaded, at any hour: these activities are
# placed at the moment of loading instead, as (slug, start, end) counted from the opening
# meeting's start, which the loader puts half an hour to an hour before "now".
PLACED_AT_LOAD = {
    "opening-meeting": (timedelta(0), timedelta(hours=4)),
    "trainee-handbook": (timedelta(0), timedelta(hours=1)),
}

HALL = "粤海街道党群服务中心多功能厅"
HAIZHU_ROOM = "海珠社区党群服务中心会议室"
CAPTAINS_HOME = "高新区社区楼栋长之家"

COURSES = [
    {
        "slug": "orientation",
        "title": "开班第一课:走进书记工作室",
        "introduction": "报到当天完成:参加开班式、读懂学员手册,就能拿到第一张结业证书。",
        "objectives": "认识小班同学和带教导师\n了解学时、扫码签到、学习报告和结业证书的规则",
        "body": [
            callout(
                "本课程的两项活动都在开班当天完成:现场扫码签到,再在线学习学员手册并确认。",
                heading="当天完成",
                tone="tip",
            )
        ],
        "activities": [
            exchange(
                "opening-meeting",
                "开班式暨小班见面会",
                venue=HALL,
                starts=(WRITTEN_FOR_DAY, "08:00"),  # placed at load: PLACED_AT_LOAD
                ends=(WRITTEN_FOR_DAY, "12:00"),
                hours="1",
                facilitator="唐振宇",
                questions=bullets(
                    "您所在小区目前最突出的一项物业矛盾是什么?",
                    "您希望在本期培训中解决的一个具体问题是什么?",
                ),
                body=[
                    callout(
                        "到场后请用手机扫描大屏上的二维码签到;无法扫码的,输入屏幕上的六位数字。",
                        heading="扫码签到",
                        tone="tip",
                    )
                ],
                introduction="学员、带教导师和党建工作办见面,认识小班同学,了解培训安排。",
            ),
            lecture(
                "trainee-handbook",
                "学员手册导读:学时、签到与结业",
                speaker="唐振宇",
                mode="online",
                starts=(WRITTEN_FOR_DAY, "08:00"),  # placed at load: PLACED_AT_LOAD
                ends=(WRITTEN_FOR_DAY, "09:00"),
                hours="1",
                summary="<p>每年的学时目标、四类活动怎样算完成、学习报告怎样提交和批阅、"
                "结业证书怎样核验。</p>",
                body=[
                    key_points(
                        [
                            "专家讲座:在线学习后点击“我已学完”,或到场扫码签到",
                            "情景体验:完整演练一遍,再提交心得体会",
                            "参观学习:每天扫码签到,返回后提交学习报告",
                            "课程全部必修活动完成后,系统自动发放结业证书",
                        ]
                    )
                ],
            ),
        ],
    },
    {
        "slug": "governance-system",
        "title": "党建引领小区治理体系",
        "introduction": "小区党组织领导、业委会主导、物业企业和社区自组织多元参与:"
        "先把“一盘棋”的规则弄清楚。",
        "objectives": "说清“1+1+N”治理体系中各方的职能和权责清单\n"
        "说清小区党支部六项权利的内容和行使程序\n"
        "能对照《小区党支部工作指引》检查本支部的工作",
        "body": [
            rich_text(
                paragraphs(
                    "以前,社区面临居住人口密集、工作人员人手不够、部分小区物业不配合、"
                    "业委会缺乏监督等问题,小区没有“主心骨”,大家各说各话各有理。"
                    "本课程从制度指引入手,帮助书记们找到小区治理的“支撑点”。"
                )
            )
        ],
        "activities": [
            lecture(
                "one-plus-one-plus-n",
                "“1+1+N”小区治理体系解读",
                speaker="许卫东",
                mode="hybrid",
                venue=HALL,
                starts=("2026-12-08", "14:30"),
                ends=("2026-12-08", "16:30"),
                hours="2.0",
                summary="<p>小区党组织领导、业委会主导、物业企业和社区自组织等<b>多元参与</b>:"
                "各方做什么、不做什么,权责清单怎么用。</p>",
                body=[
                    rich_text(
                        "<h2>讲座内容</h2>"
                        + bullets(
                            "“1”:小区党组织——小区治理的领导核心",
                            "“1”:业主委员会——在党组织领导下主导小区自治事务",
                            "“N”:物业企业、义工队、楼栋长和各类社区自组织",
                            "阵地体系:示范性小区党群服务站+普通小区党群服务站",
                            "队伍体系:党支部+物业公司+义工队+楼栋长",
                        )
                    ),
                    key_points(
                        [
                            "有制度、有平台、有队伍、有底气",
                            "社区党委在基层末梢获得治理“支撑点”",
                            "十余项规范指引文件是日常工作的依据",
                        ]
                    ),
                    callout(
                        "现场参加的学员请带上本小区的权责清单,讲座后半段逐项对照讨论。",
                        heading="课前准备",
                        tone="tip",
                    ),
                ],
            ),
            lecture(
                "six-powers",
                "小区党支部的六项权利",
                speaker="唐振宇",
                mode="in_person",
                venue=HALL,
                starts=("2026-12-15", "14:30"),
                ends=("2026-12-15", "17:00"),
                hours="2.5",
                summary="<p>议事权、建议权、人事权、监督权、评议权、考核权:"
                "赋能赋权赋责,让“小支部”发挥“大作用”。</p>",
                body=[
                    rich_text(
                        paragraphs(
                            "街道遴选有社会威信、热情参与公共事务的离退休党员担任小区党支部书记,"
                            "并赋予支部六项重要权利。支部可以向社区党委、街道党工委以及政府职能部门"
                            "提出建议,业委会的筹办和人选推荐也由支部商讨决策。"
                        )
                    ),
                    key_points(
                        [
                            "议事权:统筹小区协商议事",
                            "建议权:向社区党委、街道党工委和职能部门提出建议",
                            "人事权:参与业委会筹办和人选推荐",
                            "监督权:监督业委会和物业公司履职",
                            "评议权:组织居民评议物业服务",
                            "考核权:参与对物业、业委会的考核",
                        ],
                        heading="六项权利",
                    ),
                    callout(
                        "权利要按程序行使:会议要有记录,决定要有公示,监督要有回应。",
                        heading="提醒",
                        tone="warning",
                    ),
                ],
            ),
            lecture(
                "branch-work-guidelines",
                "《小区党支部工作指引》逐条精讲",
                speaker="唐振宇",
                mode="online",
                starts=("2026-12-22", "19:30"),
                ends=("2026-12-22", "21:00"),
                hours="1.5",
                is_required=False,
                summary="<p>组建设立、功能定位、职责任务、阵地场地、作用发挥、"
                "培育引导社区社会组织:逐条讲清楚,配合案例。</p>",
                body=[
                    rich_text(
                        paragraphs(
                            "本讲为线上直播,结束后可回看。建议与《小区党支部赋能赋权工作指引》"
                            "《党建引领物业共治联盟治理服务体系》对照学习。"
                        )
                    ),
                    key_points(
                        [
                            "支部是第一时间解决物业、业委会矛盾的“金牌调解员”",
                            "支部承担发现和培养“居民领袖”的职责",
                            "支部工作标准化,是评星定级的基础",
                        ]
                    ),
                ],
            ),
            exchange(
                "governance-exchange",
                "交流互动:我们社区的小区治理“一盘棋”",
                venue=HAIZHU_ROOM,
                starts=("2027-01-05", "14:30"),
                ends=("2027-01-05", "17:00"),
                hours="2.5",
                facilitator="何丽萍",
                questions=bullets(
                    "您所在社区的小区,业委会、物业和支部之间最常见的摩擦是什么?",
                    "六项权利中,哪一项在您的支部用得最少?为什么?",
                    "举一个支部第一时间化解矛盾的例子。",
                    ordered=True,
                ),
                body=[
                    rich_text(
                        paragraphs(
                            "各社区书记轮流分享本社区小区治理的做法和难点,导师点评,"
                            "学员相互提问。出勤计入学时。"
                        )
                    ),
                    callout("每位发言不超过 8 分钟,请提前准备一页纸提纲。", heading="发言要求"),
                ],
            ),
        ],
    },
    {
        "slug": "branch-building",
        "title": "小区党支部建设与书记能力",
        "introduction": "应建尽建、小区为主、片区为辅:把党组织的“触角”延伸到小区,再让支部强起来。",
        "objectives": "能根据小区条件选择单独建、联合建或融合建\n"
        "理解评星定级与分片包干的激励和问责办法\n"
        "能在小区里发现和培养“居民领袖”",
        "body": [
            rich_text(
                paragraphs(
                    "小区党支部建设中常遇到党员人数少、业委会不配合、物业公司消极抵制等困难。"
                    "本课程总结“成熟一批、建设一批”的经验。"
                )
            )
        ],
        "activities": [
            lecture(
                "three-ways-to-form-a-branch",
                "支部组建三法:单独建、联合建、融合建",
                speaker="唐振宇",
                mode="in_person",
                venue=HAIZHU_ROOM,
                starts=("2027-01-12", "14:30"),
                ends=("2027-01-12", "16:30"),
                hours="2.0",
                summary="<p>因地制宜、分类指导:党员够就<b>单独建</b>,不够就与邻近小区"
                "<b>联合建</b>,再不行就<b>融合建</b>。</p>",
                body=[
                    rich_text(
                        "<h2>三种方法</h2>"
                        + bullets(
                            "单独建:小区党员人数达到条件的,单独成立小区党支部",
                            "联合建:缺乏单独成立条件的,在规定联合数量的前提下与邻近小区联合组建",
                            "融合建:不适合联合的,融合驻区单位党员或物业公司、业委会的党员成立支部",
                        )
                    ),
                    callout(
                        "先易后难、有序组建;把建成的支部经验总结出来,产生示范效应。",
                        heading="组建原则",
                        tone="tip",
                    ),
                    key_points(
                        [
                            "粤海街道:党总支 5 个、党支部 95 个,覆盖 127 个小区",
                            "2020 年在南山区率先实现小区党支部全覆盖",
                        ],
                        heading="数字",
                    ),
                ],
            ),
            lecture(
                "star-rating-and-zones",
                "评星定级与分片包干:把责任落到责任区",
                speaker="许卫东",
                mode="online",
                starts=("2027-01-19", "19:30"),
                ends=("2027-01-19", "21:00"),
                hours="1.5",
                summary="<p>划分 16 个责任区,分片包干;以评星定级的激励措施推动支部标准化工作。</p>",
                body=[
                    rich_text(
                        paragraphs(
                            "讲解《粤海街道党工委党支部评星定级的有关激励措施》的设计思路:"
                            "评什么、谁来评、结果怎么用。"
                        )
                    ),
                    key_points(
                        [
                            "责任区把每个小区落到一名责任领导",
                            "星级是支部标准化工作的“体检表”",
                            "评星结果可作为书记提拔任用的参考",
                        ]
                    ),
                ],
            ),
            lecture(
                "resident-leaders",
                "发现和培养“居民领袖”:楼栋长队伍与社区自组织",
                speaker="邓雅琴",
                mode="hybrid",
                venue=CAPTAINS_HOME,
                starts=("2027-02-23", "14:30"),
                ends=("2027-02-23", "17:00"),
                hours="2.5",
                summary="<p>从义工队、兴趣小组到楼栋长之家:支部怎样宣传和发动党员群众,"
                "提升党员在群众中的威望。</p>",
                body=[
                    rich_text(
                        paragraphs(
                            "2020 年以来,小区党支部统筹协商议事近千场次,孵化各类社会组织 20 个、"
                            "自组织 145 个。本讲结合高新区社区成立楼栋长之家的做法,"
                            "讨论如何培养一支高服务水平的楼栋长队伍。"
                        )
                    ),
                    key_points(
                        [
                            "先找“热心人”,再给“小任务”,最后交“大责任”",
                            "自组织要有骨干、有活动、有记录",
                            "楼栋长是支部联系居民的“最后 100 米”",
                        ]
                    ),
                    callout(
                        "线下名额 30 人,其余学员线上参加;线下学员请扫码签到。",
                        heading="名额",
                        tone="warning",
                    ),
                ],
            ),
            exchange(
                "secretary-salon",
                "书记沙龙:支部强不强,关键看头羊",
                venue=HALL,
                starts=("2027-03-02", "14:30"),
                ends=("2027-03-02", "17:00"),
                hours="2.0",
                is_required=False,
                facilitator="郑国华",
                questions=bullets(
                    "遴选离退休党员担任支部书记,优势和短板各是什么?",
                    "支部书记与社区党委书记之间,如何分工又不脱节?",
                    "您会怎样培养支部的接班人?",
                    ordered=True,
                ),
                body=[
                    rich_text(
                        paragraphs(
                            "小区党支部书记与社区党委书记围坐交流,谈各自带队伍的经验和困惑。"
                        )
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "property-co-governance",
        "title": "物业矛盾化解与共治共建",
        "introduction": "物业共治联盟、物业管理指导委员会和“民生微实事”:"
        "把矛盾化解在小区里,把实事办到居民心坎上。",
        "objectives": "了解物业共治联盟的运作方式和资源\n"
        "掌握业委会筹备、监督的程序和法律要点\n"
        "能以支部为主体申报并实施一个“民生微实事”项目",
        "body": [
            rich_text(
                paragraphs(
                    "粤海街道率先创建物业共治联盟,190 家物业公司加入;"
                    "53 个小区成立业委会,街道物业管理指导委员会派驻律师和专业技术人员提供支持。"
                )
            )
        ],
        "activities": [
            lecture(
                "property-alliance",
                "物业共治联盟:党建引领+共建共治",
                speaker="钱思远",
                mode="in_person",
                venue=HALL,
                starts=("2027-03-09", "14:30"),
                ends=("2027-03-09", "16:30"),
                hours="2.0",
                summary="<p>联盟怎样成为物业公司之间信息和资源共享的平台,"
                "把隐患、劳资纠纷化解在楼宇内。</p>",
                body=[
                    rich_text(
                        paragraphs(
                            "从企业楼宇到住宅小区,物业共治联盟在试点基础上实现共治共建共享全覆盖。"
                            "讲座介绍联盟的章程、例会和信息共享机制。"
                        )
                    ),
                    key_points(
                        [
                            "联盟是平台,不替代业主自治",
                            "隐患早发现、早通报、早处置",
                            "支部是联盟与居民之间的桥梁",
                        ]
                    ),
                ],
            ),
            lecture(
                "owners-committee-supervision",
                "业委会组建与监督:物业管理指导委员会实务",
                speaker="方静",
                mode="online",
                starts=("2027-03-16", "19:30"),
                ends=("2027-03-16", "21:00"),
                hours="1.5",
                summary="<p>业委会筹备、选举、换届和日常监督的程序与法律要点;"
                "指导委员会如何对业委会和物管公司<b>双向指导与监督</b>。</p>",
                body=[
                    rich_text(
                        paragraphs(
                            "结合《粤海街道物业管理指导委员会实施细则》,讲解业委会筹备中"
                            "支部推荐人选、公开信息、接受监督的环节。"
                        )
                    ),
                    callout(
                        "涉及具体纠纷的法律意见,请通过社区党委联系派驻律师,不要在群聊中下结论。",
                        heading="注意",
                        tone="warning",
                    ),
                    key_points(
                        [
                            "账目公开是业委会取信于民的第一步",
                            "重大事项须经业主大会依法表决",
                            "支部监督重在程序,不代替业委会作决定",
                        ]
                    ),
                ],
            ),
            lecture(
                "livelihood-micro-projects",
                "民生微实事:从居民需求到项目落地",
                speaker="许卫东",
                mode="hybrid",
                venue=HALL,
                starts=("2027-03-23", "14:30"),
                ends=("2027-03-23", "17:00"),
                hours="2.5",
                summary="<p>“一支部一项目”:支部如何发现需求、申报项目、组织实施和接受评议。</p>",
                body=[
                    rich_text(
                        paragraphs(
                            "截至 2020 年 11 月,71 个党支部申报了 82 项“民生微实事”项目,"
                            "累计投入 510 万元,在消除安全隐患、调解邻里纠纷、疫情防控等方面"
                            "发挥了重要作用。"
                        )
                    ),
                    key_points(
                        [
                            "需求从居民中来:议事会、楼栋长、问卷",
                            "申报以支部为主体,向社区党委提出",
                            "实施全过程公开,完工后组织居民评议",
                        ]
                    ),
                    callout(
                        "课后作业:为本小区设计一个“民生微实事”项目申报书(不超过两页)。",
                        heading="课后作业",
                        tone="tip",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "scenario-exercises",
        "title": "情景体验:小区治理难题实战",
        "introduction": "改编自粤海街道小区党支部的真实案例:扮演支部书记,一步步作出选择,"
        "看到后果,再写下反思。",
        "objectives": "在压力下平衡居民、业委会、物业和施工方的诉求\n"
        "会用支部的六项权利和“民生微实事”等工具解决问题\n"
        "能用书面反思总结自己的决策",
        "body": [
            callout(
                "每个情景可以多次演练,但只有第一次完整演练和反思计入学时。",
                heading="演练规则",
            )
        ],
        "activities": scenarios.SCENARIOS,
    },
    {
        "slug": "study-tours",
        "title": "参观学习:他山之石",
        "introduction": "街道党工委带领党建工作办负责人、各社区党委书记、社区后备干部,"
        "赴杭州、深圳龙岗区等地交流学习,为精修治理“内功”找素材。",
        "objectives": "了解市民社会成熟地区的基层治理做法\n对照粤海实际,提出一项可借鉴的改进建议",
        "body": [
            callout(
                "每位学员在返回后两周内提交一份参观学习报告,导师批阅后计入学时。",
                heading="学习报告",
                tone="tip",
            )
        ],
        "activities": tours.TOURS,
    },
]
