"""Host-independent core of mkdocs-pgm (no MkDocs imports below this package)."""
