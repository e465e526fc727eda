"""MkDocs adapter: the only sub-package that imports MkDocs."""
