"""A trainee's evidence dossier (档案材料) for the promotion review, as a PDF.

- ``content``: what the dossier says, as plain frozen data (no model instances, no private
  notes: the coaching part has no field for them at all).
- ``gather``: reads the records through each app's selectors into that data.
- ``render``: lays the data out with reportlab (sections, tables, several pages) in the CJK font
  the certificates use, after checking the font can draw every character.
- ``selectors``: who may see the dossier's status and download its file.

The writes (asking for a dossier, drawing it) are services in ``mentoring.services.dossiers``;
the Celery task ``mentoring.tasks.dossier_generate`` draws it after the request commits.
"""
