"""The hub's admin page: devices, enrollment slips, silent units, for the people who run it.

Server-rendered pages (Jinja2 templates in ``templates/``, one style sheet and one script in
``static/``, nothing from elsewhere) under ``/admin``, in Chinese and English; see
:mod:`sync.hub.admin.pages` and, for accounts and sessions, :mod:`sync.hub.admin.accounts`.
"""
