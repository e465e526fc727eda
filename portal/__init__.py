"""The portal: a static site generator for the web portal of a Vietnamese provincial police force.
The domain's entry point is `portal.repository.plan_repository`; the command is `portal`."""

__version__ = "0.2.0"  # CHANGELOG.md says, per version, what a province must do
