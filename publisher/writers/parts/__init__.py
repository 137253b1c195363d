"""A large PDF laid out in parts on several processes and joined into one document.

WeasyPrint lays out a document on one core and holds all of it in memory. A layout whose
articles may each start a new page (``part_break`` in ``layout.toml``) lets a large
publication be cut there: each part is laid out on its own, in any process, and the
parts are joined into the PDF one piece would have given, page numbers, contents,
outline and links included.

- ``plan``: when a publication is laid out in parts, and where it is cut.
- ``worker``: one part through WeasyPrint, its printed page numbers set from where the
  part before it ended (the ``chain``).
- ``join``: the parts' pages, named destinations, links and outline as one PDF.
- ``compact``: that PDF written with object streams, as WeasyPrint writes its own.
"""
