"""Demo accounts: one per role and a few more, all fictional.

Created only when ``settings.DEMO_ACCOUNTS_ALLOWED`` is true (dev and test settings). Every
account shares one development password; the numbers use the 199-0755 prefix so they cannot
be mistaken for anyone's real mobile.
"""

DEMO_PASSWORD = "studio-demo-2026"  # noqa: S105 - a documented development password

ACCOUNTS = [
    {
        "username": "trainee",
        "display_name": "林晓雯",
        "mobile": "19907550101",
        "community": "海珠社区",
        "roles": ["trainee"],
        "leads_branch": "海韵花园小区党支部",
    },
    {
        "username": "trainee2",
        "display_name": "黄志远",
        "mobile": "19907550102",
        "community": "蔚蓝海岸社区",
        "roles": ["trainee"],
        "leads_branch": "滨海明珠小区党支部",
    },
    {
        "username": "trainee3",
        "display_name": "周敏",
        "mobile": "19907550103",
        "community": "高新区社区",
        "roles": ["trainee"],
        "leads_branch": "科苑公寓小区党支部",
    },
    {
        "username": "trainee4",
        "display_name": "吴佳琪",
        "mobile": "19907550104",
        "community": "科技园社区",
        "roles": ["trainee"],
    },
    {
        "username": "mentor",
        "display_name": "郑国华",
        "mobile": "19907550201",
        "community": "蔚蓝海岸社区",
        "roles": ["mentor"],
        "leads_zone": "第一责任区(海珠片区)",
    },
    {
        "username": "mentor2",
        "display_name": "何丽萍",
        "mobile": "19907550202",
        "community": "海珠社区",
        "roles": ["mentor"],
        "leads_zone": "第二责任区(高新片区)",
    },
    {
        "username": "host",
        "display_name": "梁建明",
        "mobile": "19907550301",
        "community": "科技园社区",
        "roles": ["host_secretary"],
    },
    {
        "username": "editor",
        "display_name": "孙悦",
        "mobile": "19907550401",
        "community": None,
        "roles": ["office_editor"],
    },
    {
        "username": "reviewer",
        "display_name": "马文涛",
        "mobile": "19907550402",
        "community": None,
        "roles": ["office_reviewer"],
    },
    {
        "username": "officeadmin",
        "display_name": "谢春燕",
        "mobile": "19907550403",
        "community": None,
        "roles": ["office_admin"],
    },
]

SUPERUSER = {
    "username": "admin",
    "display_name": "系统管理员",
    "mobile": "19907550999",
    "community": None,
    "roles": [],
}
