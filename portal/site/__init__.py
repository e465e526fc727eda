"""Site stage: settings, collections, typed pages and the plan of the whole site."""
