"""The office's mentoring pages in the Wagtail admin; ``mentoring.admin_hooks`` registers them."""
