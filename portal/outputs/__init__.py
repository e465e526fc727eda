"""Outputs stage: data in, bytes out: feeds, sitemap, share data, pictures, XLSX, the file
registry.
"""
