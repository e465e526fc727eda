"""Content stage: load content files and validate them into typed models."""
