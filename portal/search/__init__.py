"""Search stage: which pages go in which Pagefind bundle, and the indexing itself."""
