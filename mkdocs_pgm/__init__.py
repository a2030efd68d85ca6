"""mkdocs-pgm: a governance knowledge base built from page front matter.

The package is split in two:

* :mod:`mkdocs_pgm.core` knows nothing about MkDocs. It parses front matter,
  validates it against one schema, builds the registry of entities and their
  relations, and renders HTML fragments from Jinja templates.
* :mod:`mkdocs_pgm.plugin` is the MkDocs adapter: it maps MkDocs events onto
  the core.
"""

__version__ = "0.1.0"
