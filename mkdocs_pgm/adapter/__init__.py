"""What the MkDocs plugin needs besides event wiring: generated files, search entries,
table-of-contents merging and Graphviz orchestration. Only this package and
``plugin.py`` import MkDocs."""
