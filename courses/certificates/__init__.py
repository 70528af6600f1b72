"""Certificates of completion: what they say, how they look, how their serials are numbered.

- ``fonts``: the CJK font and the check that it can draw every character (no "tofu" boxes).
- ``serial``: ``YH-<year>-<number>`` serial numbers, sequential per year.
- ``render``: the layout, drawn as a PNG (Pillow) and as a PDF with embedded text (reportlab).
- ``display``: the masked name, hours and verification address, shared by pages and renderer.
- ``selectors``: who may see and download which certificate.

Issuing and revoking (the writes) are services in ``courses.services.certificates``; the Celery
task ``courses.tasks.certificate_issue`` calls the issuing service when an enrolment completes,
and ``courses.tasks.certificates_sweep`` (Celery beat) issues what a lost task left undone.
"""
