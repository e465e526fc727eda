"""Static site generator for a Vietnamese provincial police portal.

The pipeline is load -> validate -> collect -> pages; `mkdocs_plugin` adapts it to MkDocs.
"""
