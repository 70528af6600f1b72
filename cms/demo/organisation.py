"""The street's organisation: zones, communities, compounds and their party branches.

The street and the community names appear in the article; the compounds are invented so that
no real compound is tied to the fictional conflicts the scenario exercises play out. Names are
the stable keys the loader finds units by.
"""

STREET = "粤海街道"

# The real street has 16 responsibility zones (责任区); two are enough to show the idea.
ZONES = [
    {"name": "第一责任区(海珠片区)", "communities": ["海珠社区", "蔚蓝海岸社区"]},
    {"name": "第二责任区(高新片区)", "communities": ["高新区社区", "科技园社区"]},
]

COMPOUNDS = [
    # community, name, households, has an owners' committee
    {"community": "海珠社区", "name": "海韵花园", "households": 860, "has_owners_committee": True},
    {"community": "海珠社区", "name": "蓝湾半岛", "households": 240, "has_owners_committee": False},
    {"community": "海珠社区", "name": "榕荫苑", "households": 160, "has_owners_committee": False},
    {
        "community": "蔚蓝海岸社区",
        "name": "滨海明珠",
        "households": 1120,
        "has_owners_committee": True,
    },
    {
        "community": "蔚蓝海岸社区",
        "name": "翠林雅居",
        "households": 540,
        "has_owners_committee": True,
    },
    {
        "community": "高新区社区",
        "name": "科苑公寓",
        "households": 320,
        "has_owners_committee": False,
    },
    {
        "community": "高新区社区",
        "name": "云帆花园",
        "households": 680,
        "has_owners_committee": True,
    },
    {
        "community": "科技园社区",
        "name": "星河雅苑",
        "households": 420,
        "has_owners_committee": True,
    },
    {"community": "科技园社区", "name": "创新里", "households": 210, "has_owners_committee": False},
]

# 支部组建三法: formed alone (单独建), jointly with neighbours (联合建), or merged with the party
# members of a resident organisation, the property company or the owners' committee (融合建).
BRANCHES = [
    {
        "community": "海珠社区",
        "name": "海韵花园小区党支部",
        "kind": "branch",
        "formation": "alone",
        "compounds": ["海韵花园"],
        "star_rating": 5,
    },
    {
        "community": "海珠社区",
        "name": "蓝湾半岛·榕荫苑联合党支部",
        "kind": "branch",
        "formation": "joint",
        "compounds": ["蓝湾半岛", "榕荫苑"],
        "star_rating": 3,
    },
    {
        "community": "蔚蓝海岸社区",
        "name": "滨海明珠小区党支部",
        "kind": "branch",
        "formation": "alone",
        "compounds": ["滨海明珠"],
        "star_rating": 4,
    },
    {
        "community": "蔚蓝海岸社区",
        "name": "翠林雅居小区党支部",
        "kind": "branch",
        "formation": "merged",
        "compounds": ["翠林雅居"],
        "star_rating": None,
    },
    {
        "community": "高新区社区",
        "name": "科苑公寓小区党支部",
        "kind": "branch",
        "formation": "merged",
        "compounds": ["科苑公寓"],
        "star_rating": 3,
    },
    {
        "community": "高新区社区",
        "name": "云帆花园小区党支部",
        "kind": "branch",
        "formation": "alone",
        "compounds": ["云帆花园"],
        "star_rating": None,
    },
    {
        "community": "科技园社区",
        "name": "星河雅苑·创新里小区党总支",
        "kind": "general",
        "formation": "joint",
        "compounds": ["星河雅苑", "创新里"],
        "star_rating": 4,
    },
]
