"""``publisher serve``: a live preview in the browser, for screen and print.

``serve(path, settings)`` keeps an up-to-date build of one publication in a temporary
folder and serves its web page (``/``), its print preview (``/print``) and its files
(``/pdf``, ``/epub``) until Ctrl-C; each edit rebuilds through the cache and the open
pages reload by themselves.
"""

from publisher.serve.server import ServeSettings, serve

__all__ = ["ServeSettings", "serve"]
