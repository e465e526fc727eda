"""Build stage: what makes a rebuild fast and safe: the page cache and its keys, precompression,
staging and assembly, the content memo on disk and the render session."""
