"""The demo studio, as data: what ``manage.py load_demo`` builds.

The content is drawn from the article in ``/work/shared/seed`` about Yuehai Street's
programme (粤海街道“优秀社区书记培养工作室”). Every person here is fictional; the street and
its community names come from the article, the compounds are invented.

One module per area keeps the data readable and the command small:

- ``organisation``: the street, responsibility zones, communities, compounds and branches;
- ``people``: demo accounts, one per role and a few more (created only when
  ``settings.DEMO_ACCOUNTS_ALLOWED`` is true);
- ``curriculum``: speakers, venues, the home page, the training plan and its courses, lectures
  and exchange sessions;
- ``scenarios``: the scenario exercises with their branching scripts;
- ``tours``: the study tours and their placeholder photos;
- ``blocks``: small helpers that write body blocks as StreamField data;
- ``images``: placeholder photos drawn with Pillow at load time (no files are committed);
- ``loader``: finds each thing by a stable key, creates or updates it in place.
"""
