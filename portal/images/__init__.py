"""Images stage: process photos into small, clean derivatives, once, with a cache."""
