"""The office's mentoring admin, one module per area; ``mentoring.wagtail_hooks`` loads them."""

# Menu items registered under this hook appear in the admin's "Mentoring and progression" menu.
MENTORING_MENU_HOOK = "register_mentoring_menu_item"
