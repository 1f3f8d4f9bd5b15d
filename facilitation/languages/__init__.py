"""The person's language: which one a request is served in, the catalogues, and the switcher.

Python and templates translate with flask_babel (gettext, ngettext, lazy_gettext; `_()` in Jinja); the
browser modules read the page language's JS catalogue from the state island (static/js/core/i18n.js).
"""
