"""Deploy stage: what happens after a build, on time and on a server."""
